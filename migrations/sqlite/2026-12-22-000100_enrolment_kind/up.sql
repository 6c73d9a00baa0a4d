-- Each seat carries its session's kind, as attendance rows do since
-- 2026-12-21, so that a person's seats of one kind are told apart in the
-- index that finds their seats by date, before any session row is read:
-- the supervision overview's next booked meeting read fifty people's
-- seats still to come (some 800 at national scale, every kind) and joined
-- each to its session to keep the 65 at supervision. A session's kind
-- never changes. The site writes it with the seat (`db::enrolments::place`)
-- and the generator with its rows; the trigger fills it for any writer that
-- leaves it out (an older binary during a rolling upgrade).
ALTER TABLE enrolments ADD COLUMN session_kind TEXT;
UPDATE enrolments SET session_kind =
    (SELECT kind FROM sessions WHERE sessions.id = enrolments.session_id);
CREATE TRIGGER enrolments_session_kind AFTER INSERT ON enrolments
WHEN NEW.session_kind IS NULL
BEGIN
    UPDATE enrolments SET session_kind =
        (SELECT kind FROM sessions WHERE sessions.id = NEW.session_id)
    WHERE id = NEW.id;
END;
-- The kind after the date, not before: the agenda reads a person's latest
-- seats of every kind in date order from the same index.
DROP INDEX enrolments_user_ends_idx;
CREATE INDEX enrolments_user_ends_idx ON enrolments (user_id, status, session_ends_at, session_kind, session_id);
