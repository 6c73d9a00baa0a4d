-- Supervision: a session of kind 'supervision' in the engine, with its own
-- detail row; requests for individual supervision; and the record of the
-- due-soon and overdue notices sent. None of these tables has a free-text
-- field: supervision records hold attendance only, never what was talked
-- about or anything about the citizens a volunteer accompanied.

-- How long an active volunteer may go without supervision (a rolling
-- window, in months; days on pause do not count).
ALTER TABLE branch_volunteer_settings ADD COLUMN supervision_window_months INTEGER NOT NULL DEFAULT 3;

CREATE TABLE supervision_details (
    session_id BIGINT NOT NULL PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    -- 'group' (volunteers sign up) or 'individual' (a coordinator assigns).
    format TEXT NOT NULL,
    supervisor_name TEXT NOT NULL,
    -- 'staff' or 'external'.
    supervisor_kind TEXT NOT NULL
);
CREATE INDEX supervision_details_format_idx ON supervision_details (format);

-- A volunteer's request for individual supervision after a hard task. Only
-- that it was asked for, when, and how it was handled.
CREATE TABLE supervision_requests (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    branch_id BIGINT NOT NULL REFERENCES branches (id),
    -- 'open', 'scheduled' (an individual session was planned) or 'handled'
    -- (answered another way, e.g. a phone call).
    status TEXT NOT NULL,
    respond_by TIMESTAMP NOT NULL,
    session_id BIGINT REFERENCES sessions (id) ON DELETE SET NULL,
    answered_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    answered_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX supervision_requests_branch_idx ON supervision_requests (branch_id, status, respond_by);
CREATE INDEX supervision_requests_user_idx ON supervision_requests (user_id, status);

-- One notice per person, kind ('due_soon', 'overdue') and due date, ever:
-- the primary key keeps restarts and several instances from sending twice.
CREATE TABLE supervision_notices (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    due_on DATE NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, kind, due_on)
);
