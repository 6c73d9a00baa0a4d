DROP INDEX users_deactivated_idx;
