DROP INDEX volunteers_pause_until_idx;
ALTER TABLE volunteers DROP COLUMN pause_until;
