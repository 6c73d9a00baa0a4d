-- The coordinators' start page lists the meetings of the last 60 days
-- whose attendance is missing. Without an index on the end, the database
-- read every meeting ever held (28,046 at national scale, 13 ms per view
-- on PostgreSQL); by the end, only the window's (about 900).
CREATE INDEX meetings_ends_idx ON meetings (ends_at);
-- The same search takes the branches' sessions ending in the window by
-- (branch, end); with the start in the index too, the sessions that have
-- not begun (most of them, a year of coming sessions) are passed over in
-- the index instead of read from the table (399 table pages to 106).
DROP INDEX sessions_branch_ends_idx;
CREATE INDEX sessions_branch_ends_idx ON sessions (branch_id, ends_at, starts_at);
