DROP INDEX sessions_branch_ends_idx;
CREATE INDEX sessions_branch_ends_idx ON sessions (branch_id, ends_at);
DROP INDEX meetings_ends_idx;
