ALTER TABLE volunteers DROP COLUMN last_supervision_at;
