-- Each seat carries its session's last moment (`sessions.ends_at`), so
-- that a person's current seats and their latest past ones are read from
-- an index in date order instead of joining every seat they ever held:
-- the volunteer's agenda and the supervision overview's next booked
-- meeting cost the same after years of history. Written with the seat
-- and kept with the session's span (`db::sessions::refresh_span`); empty
-- only for a seat written by an older binary during a rolling upgrade,
-- filled at start-up (`db::enrolments::fill_session_ends`).
ALTER TABLE enrolments ADD COLUMN session_ends_at TIMESTAMP;
UPDATE enrolments SET session_ends_at =
    (SELECT ends_at FROM sessions WHERE sessions.id = enrolments.session_id);
CREATE INDEX enrolments_user_ends_idx ON enrolments (user_id, status, session_ends_at);
-- Start-up finds the seats to fill without reading them all.
CREATE INDEX enrolments_ends_unknown_idx ON enrolments (id) WHERE session_ends_at IS NULL;
