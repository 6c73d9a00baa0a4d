-- The enrolment engine shared by every kind of session: GenLær courses,
-- preparation-course cohorts, supervision and volunteer evenings. Each kind
-- adds its own 1:1 detail table; these tables know only seats, meetings,
-- who is enrolled or waiting, and who attended.

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    branch_id BIGINT REFERENCES branches (id),
    title TEXT NOT NULL,
    location TEXT NOT NULL DEFAULT '',
    online_url TEXT,
    -- NULL: no limit.
    capacity INTEGER,
    enrol_deadline TIMESTAMP,
    cancel_deadline TIMESTAMP,
    status TEXT NOT NULL DEFAULT 'open',
    cancel_reason TEXT,
    -- Kept by the engine inside its transactions, so that lists of
    -- thousands of sessions need no counting.
    confirmed_count INTEGER NOT NULL DEFAULT 0,
    waitlist_count INTEGER NOT NULL DEFAULT 0,
    -- First meeting's start and last meeting's end, for listing and sorting.
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    -- Raised by every enrolment change; the update is the lock that
    -- serialises enrolments in one session on both databases.
    version BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_kind_starts_idx ON sessions (kind, starts_at);
CREATE INDEX sessions_branch_kind_starts_idx ON sessions (branch_id, kind, starts_at);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    -- NULL: the session's location.
    location TEXT,
    -- iCalendar SEQUENCE: raised whenever time or place changes.
    sequence INTEGER NOT NULL DEFAULT 0,
    cancelled_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX meetings_session_idx ON meetings (session_id, starts_at);
CREATE INDEX meetings_starts_idx ON meetings (starts_at);

CREATE TABLE enrolments (
    id INTEGER PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    -- When the person joined the queue: the waiting list's order.
    queued_at TIMESTAMP NOT NULL,
    confirmed_at TIMESTAMP,
    cancelled_at TIMESTAMP,
    cancelled_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    late_cancellation BOOLEAN NOT NULL DEFAULT FALSE,
    -- A late cancellation whose seat was refilled from the waiting list.
    refilled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (session_id, user_id)
);
CREATE INDEX enrolments_session_status_idx ON enrolments (session_id, status, queued_at);
CREATE INDEX enrolments_user_idx ON enrolments (user_id, status);

CREATE TABLE attendance (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    recorded_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (meeting_id, user_id)
);
CREATE INDEX attendance_user_idx ON attendance (user_id);
