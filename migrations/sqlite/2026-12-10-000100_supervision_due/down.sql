DROP INDEX volunteers_supervision_due_idx;
ALTER TABLE volunteers DROP COLUMN supervision_due_on;
