DROP INDEX volunteer_status_changes_user_idx;
CREATE INDEX volunteer_status_changes_user_idx ON volunteer_status_changes (user_id, id);
