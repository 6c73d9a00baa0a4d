-- What the coordinators' supervision overview sorts, filters and counts
-- on instead of working out every active brobygger's standing on each
-- request: the day supervision is due, with the pauses already over
-- counted in (for someone on pause, as it stood when the pause began; the
-- days of an ongoing pause are added when it ends). Worked out again
-- (`db::supervision::store_due`) in the same transaction as every change
-- to the rule's inputs; empty means never worked out (filled at start-up).
ALTER TABLE volunteers ADD COLUMN supervision_due_on DATE;
-- The overview's page: a branch's active (or paused) volunteers by due date.
CREATE INDEX volunteers_supervision_due_idx ON volunteers (branch_id, status, supervision_due_on);
