-- What reaches staff by email about their tasks (`app::tasks`).
--
-- A coordinator's or administrator's choice; without a row: the weekly
-- digest and immediate emails (`domain::tasks::DigestFrequency`).
CREATE TABLE staff_notification_settings (
    user_id BIGINT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    digest TEXT NOT NULL,
    immediate BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- One row per person and period (`2026-12-02`, `2026-W49`): the primary key
-- is what sends each period's digest once, however many workers run. `tasks`
-- counts what it listed (0: nothing to do, so nothing was sent).
CREATE TABLE task_digests (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    tasks INTEGER NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, period)
);
