DROP INDEX enrolments_user_ends_idx;
CREATE INDEX enrolments_user_ends_idx ON enrolments (user_id, status, session_ends_at, session_id);
DROP TRIGGER enrolments_session_kind;
ALTER TABLE enrolments DROP COLUMN session_kind;
