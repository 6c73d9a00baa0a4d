-- The coordinators' tasks look for sessions of their branches that ended
-- in the last weeks (to mark held, attendance to record). By branch and
-- end they are an index range; by branch alone, every session the branch
-- ever held.
CREATE INDEX sessions_branch_ends_idx ON sessions (branch_id, ends_at);
