DROP INDEX sessions_branch_ends_idx;
