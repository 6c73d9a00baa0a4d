DROP INDEX enrolments_ends_unknown_idx;
DROP INDEX enrolments_user_ends_idx;
ALTER TABLE enrolments DROP COLUMN session_ends_at;
