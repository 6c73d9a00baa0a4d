DROP INDEX volunteers_pipeline_idx;
ALTER TABLE volunteers DROP COLUMN readiness_at;
ALTER TABLE volunteers DROP COLUMN ready_until;
ALTER TABLE volunteers DROP COLUMN ready;
ALTER TABLE volunteers DROP COLUMN done_minutes;
