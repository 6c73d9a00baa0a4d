-- Email delivery and calendars.

-- Every message keeps one Message-ID for life, so that a message sent again
-- after a crash is recognisably the same message. Rows from before this
-- migration get one made from their id.
ALTER TABLE outbox ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
UPDATE outbox SET message_id = 'outbox-' || id WHERE message_id = '';
CREATE UNIQUE INDEX outbox_message_id_idx ON outbox (message_id);
-- A worker that takes a message leases it until this time; if it dies
-- before recording the outcome, another worker takes it after the lease.
ALTER TABLE outbox ADD COLUMN locked_until TIMESTAMP;

-- One reminder per person and meeting, ever: the primary key is what keeps
-- restarts and several instances from sending a second one.
CREATE TABLE reminders_sent (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (meeting_id, user_id)
);
CREATE INDEX reminders_sent_user_idx ON reminders_sent (user_id);

-- The personal calendar feed. The token is derived from the secret key and
-- this salt (so the account page can show it again), and only its hash is
-- looked up; a new salt is a new address and the old one stops working.
ALTER TABLE users ADD COLUMN calendar_salt TEXT;
ALTER TABLE users ADD COLUMN calendar_token_hash TEXT;
CREATE UNIQUE INDEX users_calendar_token_idx ON users (calendar_token_hash);
