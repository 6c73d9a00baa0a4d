-- Course evaluations (GenLær). A held session gives each participant who
-- attended one link; only its hash is stored, with the session, the person
-- (so nobody is invited twice, and erasure finds it) and whether it has been
-- used. The answers are anonymous by construction: a row holds the session,
-- the ratings, the comment and the day it came, and nothing that leads to
-- the link or the person. Its key is random, so even the order of the rows
-- says nothing about who answered when.
CREATE TABLE evaluation_links (
    id INTEGER PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES sessions (id),
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    used BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (session_id, user_id)
);
CREATE INDEX evaluation_links_user_idx ON evaluation_links (user_id);

CREATE TABLE evaluation_answers (
    -- Random (not a sequence): see above.
    id TEXT NOT NULL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES sessions (id),
    -- The day only, never a time.
    submitted_on DATE NOT NULL,
    -- 1 to 5: is the course relevant to their work, the teachers, what
    -- they take back to work.
    relevance INTEGER NOT NULL CHECK (relevance BETWEEN 1 AND 5),
    teachers INTEGER NOT NULL CHECK (teachers BETWEEN 1 AND 5),
    transfer INTEGER NOT NULL CHECK (transfer BETWEEN 1 AND 5),
    comment TEXT
);
CREATE INDEX evaluation_answers_session_idx ON evaluation_answers (session_id);
