DROP TRIGGER users_name_to_volunteers;
DROP TRIGGER volunteers_user_name_on_insert;
DROP INDEX volunteers_branch_status_name_idx;
DROP INDEX volunteers_branch_name_idx;
ALTER TABLE volunteers DROP COLUMN user_name;
