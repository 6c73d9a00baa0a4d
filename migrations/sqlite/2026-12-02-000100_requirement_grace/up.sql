-- A grace period for a requirement a branch added while the volunteer was
-- already active (or on a break): until `deadline` (its last day) the
-- requirement does not stop them. One row per volunteer and requirement.
CREATE TABLE requirement_grace (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    deadline DATE NOT NULL,
    granted_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    granted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, kind)
);
