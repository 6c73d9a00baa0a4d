-- Requests for a password-reset link, by address and by client: the form
-- sent one email per request, so anyone could flood an inbox through it.
CREATE TABLE reset_requests (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    ip TEXT NOT NULL,
    requested_at TIMESTAMP NOT NULL
);
CREATE INDEX reset_requests_email_idx ON reset_requests (email, requested_at);
CREATE INDEX reset_requests_ip_idx ON reset_requests (ip, requested_at);
CREATE INDEX reset_requests_requested_at_idx ON reset_requests (requested_at);
