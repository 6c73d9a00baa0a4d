-- The last day of a paused volunteer's current pause, beside their status
-- (empty for everyone else, and for a pause without an end). The
-- coordinators' start page lists the pauses ending soon in its branches
-- from an index, instead of reading every paused person of the branches
-- and the history of their pauses on each view, which grew with the
-- branch. Written with every status change (`db::volunteer_history`);
-- the history row stays the record.
-- Only the rows that get a day are written: rewriting every paused one
-- would leave PostgreSQL's index-only scans of `volunteers` reading the
-- table until the next vacuum.
ALTER TABLE volunteers ADD COLUMN pause_until DATE;
UPDATE volunteers SET pause_until = (
    SELECT c.until FROM volunteer_status_changes c
    WHERE c.user_id = volunteers.user_id AND c.to_status = 'paused'
    ORDER BY c.id DESC LIMIT 1)
WHERE status = 'paused'
  AND (SELECT c.until FROM volunteer_status_changes c
       WHERE c.user_id = volunteers.user_id AND c.to_status = 'paused'
       ORDER BY c.id DESC LIMIT 1) IS NOT NULL;
CREATE INDEX volunteers_pause_until_idx ON volunteers (branch_id, status, pause_until);
