-- Brobyggeraftener and public info evenings. An evening is a `sessions` row
-- of kind 'evening' (seats, meetings, enrolments, attendance come from the
-- engine); these tables add what the engine does not know: what kind of
-- evening it is, the talk, and every volunteer's answer, a "no" included.

CREATE TABLE evening_details (
    session_id BIGINT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    -- 'branch': a brobyggeraften for active volunteers;
    -- 'info': a public info evening for people who may want to volunteer.
    evening_kind TEXT NOT NULL,
    topic TEXT NOT NULL DEFAULT '',
    speaker TEXT NOT NULL DEFAULT '',
    -- A branch's evening that active volunteers of every branch may attend
    -- (a national evening). Evenings without a branch are always open.
    open_to_other_branches BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX evening_details_kind_idx ON evening_details (evening_kind);

-- A volunteer's answer to an evening. A "yes" is also an enrolment through
-- the engine (so capacity holds); a "no" exists only here. Changing one's
-- mind updates this row and the enrolment in one transaction.
CREATE TABLE evening_answers (
    session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- 'yes' or 'no'.
    answer TEXT NOT NULL,
    answered_at TIMESTAMP NOT NULL,
    PRIMARY KEY (session_id, user_id)
);
CREATE INDEX evening_answers_user_idx ON evening_answers (user_id);
