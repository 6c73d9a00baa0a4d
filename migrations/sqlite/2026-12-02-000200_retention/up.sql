-- Retention that runs by itself (`app::retention`, a step of the mail
-- worker's pass).
--
-- What administrators chose per rule at /admin/privatliv; a rule without a
-- row uses its default (`domain::retention::Rule::default_days`).
CREATE TABLE retention_settings (
    rule TEXT PRIMARY KEY NOT NULL,
    days INTEGER NOT NULL,
    updated_at TIMESTAMP,
    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);

-- One row per Copenhagen day and rule: the primary key is what lets one
-- instance alone run a rule on a day (its insert goes through, the others'
-- do nothing). `deleted` counts the rows deleted or cleared, never whose.
CREATE TABLE retention_runs (
    day DATE NOT NULL,
    rule TEXT NOT NULL,
    ran_at TIMESTAMP NOT NULL,
    deleted INTEGER NOT NULL,
    PRIMARY KEY (day, rule)
);

-- The subject of an email, kept when retention clears its body (the
-- subject is otherwise rendered from the body). NULL while the body is
-- there.
ALTER TABLE outbox ADD COLUMN subject TEXT;

-- Retention looks for delivered messages by when they were sent.
CREATE INDEX outbox_sent_at_idx ON outbox (status, sent_at);
