-- Each attendance row carries its meeting's session kind, so that a
-- person's course attendance (the activation gate's hours) is read from
-- an index instead of walking all their attendance and joining each
-- row's meeting and session to keep the cohort rows: a brobygger with
-- years of supervision and evenings has a hundred rows, five of them at
-- the course. A session's kind never changes. The trigger fills the
-- column for any writer that leaves it out (the site, an older binary
-- during a rolling upgrade); the generator writes it itself.
ALTER TABLE attendance ADD COLUMN session_kind TEXT;
UPDATE attendance SET session_kind = (
    SELECT s.kind FROM meetings m JOIN sessions s ON s.id = m.session_id
    WHERE m.id = attendance.meeting_id);
CREATE TRIGGER attendance_session_kind AFTER INSERT ON attendance
WHEN NEW.session_kind IS NULL
BEGIN
    UPDATE attendance SET session_kind = (
        SELECT s.kind FROM meetings m JOIN sessions s ON s.id = m.session_id
        WHERE m.id = NEW.meeting_id)
    WHERE meeting_id = NEW.meeting_id AND user_id = NEW.user_id;
END;
-- Replaces the index on user_id alone, whose readers it serves as well.
DROP INDEX attendance_user_idx;
CREATE INDEX attendance_user_kind_idx ON attendance (user_id, session_kind, meeting_id, minutes);
