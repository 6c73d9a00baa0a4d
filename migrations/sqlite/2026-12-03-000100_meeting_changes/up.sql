-- "Skriv til deltagerne": what a coordinator wrote to a session's
-- participants, shown on the session's page. Each recipient's copy is an
-- outbox row; this keeps the message once, with how many it went to.
CREATE TABLE session_messages (
    id INTEGER PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    sent_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    sent_at TIMESTAMP NOT NULL,
    recipients INTEGER NOT NULL,
    waiting_list BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX session_messages_session ON session_messages (session_id, sent_at);
CREATE INDEX session_messages_sent_by ON session_messages (sent_by);
