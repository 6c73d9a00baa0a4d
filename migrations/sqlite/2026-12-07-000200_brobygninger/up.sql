-- Brobygninger: one row per accompaniment an active brobygger made, as
-- counts only. Nothing about the citizen is ever held, and no column here
-- takes free text: the date, the programme, the minutes spent (quarter
-- hours) and whether briefing and debriefing took place, with which
-- rådgiver (a coordinator of the branch).
CREATE TABLE brobygninger (
    id INTEGER PRIMARY KEY,
    -- NULL once the brobygger is erased: the count stays, the person goes.
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- The branch the brobygger belonged to when it was recorded.
    branch_id BIGINT NOT NULL REFERENCES branches (id),
    -- The day of the appointment (Copenhagen).
    done_on DATE NOT NULL,
    -- 'health', 'social' or 'association'.
    programme TEXT NOT NULL,
    -- Volunteer time in minutes, a multiple of 15.
    minutes INTEGER NOT NULL,
    briefing BOOLEAN NOT NULL,
    briefed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    debriefing BOOLEAN NOT NULL,
    debriefed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    -- Who last changed it (the brobygger or a coordinator).
    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
-- The coordinators' month per branch, and the annual figures per branch.
CREATE INDEX brobygninger_branch_date_idx ON brobygninger (branch_id, done_on);
-- A brobygger's own recent registrations.
CREATE INDEX brobygninger_user_date_idx ON brobygninger (user_id, done_on);
-- The national year.
CREATE INDEX brobygninger_date_idx ON brobygninger (done_on);

