DROP INDEX users_calendar_token_idx;
ALTER TABLE users DROP COLUMN calendar_token_hash;
ALTER TABLE users DROP COLUMN calendar_salt;
DROP TABLE reminders_sent;
ALTER TABLE outbox DROP COLUMN locked_until;
DROP INDEX outbox_message_id_idx;
ALTER TABLE outbox DROP COLUMN message_id;
