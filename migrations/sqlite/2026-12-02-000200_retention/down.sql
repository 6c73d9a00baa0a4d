DROP INDEX outbox_sent_at_idx;
ALTER TABLE outbox DROP COLUMN subject;
DROP TABLE retention_runs;
DROP TABLE retention_settings;
