-- What the coordinators' pipeline reads instead of evaluating the
-- activation gate for everyone in training on each request: the course
-- minutes done, whether nothing is unmet, and until which day that holds
-- when it leans on a grace period. Worked out again (`db::gate::refresh`)
-- in the same transaction as every change to the gate's inputs; empty
-- `readiness_at` means never worked out (filled at start-up).
ALTER TABLE volunteers ADD COLUMN done_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE volunteers ADD COLUMN ready BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE volunteers ADD COLUMN ready_until DATE;
ALTER TABLE volunteers ADD COLUMN readiness_at TIMESTAMP;
-- The pipeline's lists: a branch's volunteers in a status, ready or not.
CREATE INDEX volunteers_pipeline_idx ON volunteers (branch_id, status, ready);
