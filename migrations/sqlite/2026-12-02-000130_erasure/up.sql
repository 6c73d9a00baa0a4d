-- A person's request to be erased (GDPR Art. 17), made by them or by an
-- administrator on their behalf, and what became of it. No free text: the
-- request needs no reason, and a reason would be data about them.
CREATE TABLE erasure_requests (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    requested_at TIMESTAMP NOT NULL,
    requested_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    withdrawn_at TIMESTAMP,
    carried_out_at TIMESTAMP,
    carried_out_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
-- One open request per person; the administrators' list reads open ones.
CREATE UNIQUE INDEX erasure_requests_open_per_user ON erasure_requests (user_id)
    WHERE withdrawn_at IS NULL AND carried_out_at IS NULL;
CREATE INDEX erasure_requests_by_state ON erasure_requests (carried_out_at, withdrawn_at, requested_at);

-- When the account was erased: what is left of it names nobody, and lists
-- of people leave it out.
ALTER TABLE users ADD COLUMN erased_at TIMESTAMP;

-- The last login: activity, for the retention rule that anonymises accounts
-- unused for years (login sessions themselves are gone after 14 idle days).
ALTER TABLE users ADD COLUMN last_login_at TIMESTAMP;
