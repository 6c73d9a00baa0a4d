DROP TRIGGER users_name_to_volunteers ON users;
DROP FUNCTION users_name_to_volunteers();
DROP TRIGGER volunteers_user_name_on_insert ON volunteers;
DROP FUNCTION volunteers_user_name();
DROP INDEX volunteers_branch_status_name_idx;
DROP INDEX volunteers_branch_name_idx;
ALTER TABLE volunteers DROP COLUMN user_name;
