DROP INDEX enrolments_user_kind_ends_idx;
CREATE INDEX enrolments_user_status_session_idx ON enrolments (user_id, status, session_id);
