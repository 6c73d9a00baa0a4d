-- The last day of a paused volunteer's current pause, beside their status
-- (empty for everyone else, and for a pause without an end). The
-- coordinators' start page lists the pauses ending soon in its branches
-- from an index, instead of reading every paused person of the branches
-- and the history of their pauses on each view, which grew with the
-- branch. Written with every status change (`db::volunteer_history`);
-- the history row stays the record. The pauses already begun are given
-- their day at start-up (`volunteer_history::fill_pause_ends`), which
-- also catches those an older binary begins during a rolling upgrade:
-- one place for the rule, and only the rows that get a day are written.
ALTER TABLE volunteers ADD COLUMN pause_until DATE;
CREATE INDEX volunteers_pause_until_idx ON volunteers (branch_id, status, pause_until);
