-- Sessions kept on the server as well as in the cookie: a signed cookie
-- alone cannot be taken back, so logging out could not end it. The cookie
-- holds a random token; the row holds its hash.
CREATE TABLE login_sessions (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    -- When the person last proved who they are (password or code): the
    -- sensitive actions ask again when this is old.
    proved_at TIMESTAMP NOT NULL,
    user_agent TEXT NOT NULL,
    ip TEXT NOT NULL
);
CREATE INDEX login_sessions_user_idx ON login_sessions (user_id, last_seen_at);
CREATE INDEX login_sessions_last_seen_idx ON login_sessions (last_seen_at);

-- A confirmed second factor (TOTP, RFC 6238). A set-up in progress lives in
-- the person's session cookie until they confirm a first code.
CREATE TABLE second_factors (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    confirmed_at TIMESTAMP NOT NULL,
    -- The last time step accepted: a code is good once, not for its whole
    -- 30 seconds (RFC 6238, section 5.2).
    last_step BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE recovery_codes (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX recovery_codes_user_idx ON recovery_codes (user_id);

-- The login throttle counts failures per account and client together.
CREATE INDEX login_failures_pair_idx ON login_failures (email, ip, failed_at);
