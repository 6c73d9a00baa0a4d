DROP INDEX attendance_user_kind_idx;
CREATE INDEX attendance_user_idx ON attendance (user_id);
DROP TRIGGER attendance_session_kind ON attendance;
DROP FUNCTION attendance_session_kind();
ALTER TABLE attendance DROP COLUMN session_kind;
