-- The branch dashboard's trends count a volunteer in the branch they were
-- in at the time, so they read the moves into and out of one branch.
CREATE INDEX volunteer_moves_from_branch_idx ON volunteer_moves (from_branch_id);
CREATE INDEX volunteer_moves_to_branch_idx ON volunteer_moves (to_branch_id);
