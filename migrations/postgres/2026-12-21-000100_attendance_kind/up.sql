-- Each attendance row carries its meeting's session kind, so that a
-- person's course attendance (the activation gate's hours) is read from
-- an index instead of walking all their attendance and joining each
-- row's meeting and session to keep the cohort rows: a brobygger with
-- years of supervision and evenings has a hundred rows, five of them at
-- the course. A session's kind never changes. The trigger fills the
-- column for any writer that leaves it out (the site, an older binary
-- during a rolling upgrade); the generator writes it itself.
ALTER TABLE attendance ADD COLUMN session_kind TEXT;
UPDATE attendance a SET session_kind = s.kind
FROM meetings m JOIN sessions s ON s.id = m.session_id
WHERE m.id = a.meeting_id;
CREATE FUNCTION attendance_session_kind() RETURNS trigger AS $$
BEGIN
    SELECT s.kind INTO NEW.session_kind
    FROM meetings m JOIN sessions s ON s.id = m.session_id
    WHERE m.id = NEW.meeting_id;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER attendance_session_kind BEFORE INSERT ON attendance
FOR EACH ROW WHEN (NEW.session_kind IS NULL)
EXECUTE FUNCTION attendance_session_kind();
-- Replaces the index on user_id alone, whose readers it serves as well.
DROP INDEX attendance_user_idx;
CREATE INDEX attendance_user_kind_idx ON attendance (user_id, session_kind, meeting_id, minutes);
