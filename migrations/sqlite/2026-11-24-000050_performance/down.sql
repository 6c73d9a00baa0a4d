CREATE INDEX enrolments_user_idx ON enrolments (user_id, status);
DROP INDEX enrolments_user_status_session_idx;
