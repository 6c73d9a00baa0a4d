DROP INDEX volunteer_status_changes_pause_idx;
DROP INDEX enrolments_user_ends_idx;
CREATE INDEX enrolments_user_ends_idx ON enrolments (user_id, status, session_ends_at);
