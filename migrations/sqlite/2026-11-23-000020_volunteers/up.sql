-- Brobyggere: applications, the status history, the confidentiality
-- declaration, branch settings for activation, and the preparation course's
-- cohorts (a cohort is a `sessions` row of kind 'cohort'; these tables add
-- what the engine does not know: which modules each meeting teaches, who
-- came to make up a module, and the graduation evening).

CREATE TABLE volunteer_applications (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    branch_id BIGINT NOT NULL REFERENCES branches (id),
    study_programme TEXT NOT NULL,
    institution TEXT NOT NULL,
    -- Semester or expected graduation year, as the applicant writes it.
    semester TEXT NOT NULL,
    motivation TEXT NOT NULL,
    availability TEXT NOT NULL,
    heard_from TEXT,
    -- Never a CPR number: the birth year at most, and only if given.
    birth_year INTEGER,
    -- 'pending', 'accepted' or 'declined'.
    status TEXT NOT NULL,
    intro_on DATE,
    intro_outcome TEXT,
    intro_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    decided_at TIMESTAMP,
    decided_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    decision_reason TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX volunteer_applications_branch_idx ON volunteer_applications (branch_id, status, created_at);
CREATE INDEX volunteer_applications_user_idx ON volunteer_applications (user_id);

-- Every status change of a volunteer: who (NULL: automatic), when and why.
CREATE TABLE volunteer_status_changes (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    from_status TEXT,
    to_status TEXT NOT NULL,
    reason TEXT,
    -- The last day of a pause.
    until DATE,
    -- The cohort the volunteer trained in, on activation: the graduation
    -- evening lists who became active in it.
    cohort_id BIGINT REFERENCES sessions (id) ON DELETE SET NULL,
    changed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX volunteer_status_changes_user_idx ON volunteer_status_changes (user_id, id);
CREATE INDEX volunteer_status_changes_cohort_idx ON volunteer_status_changes (cohort_id, to_status);

-- Which version of the declaration everyone must have signed, from when.
-- No row: version 1.
CREATE TABLE declaration_requirements (
    version INTEGER NOT NULL PRIMARY KEY,
    required_at TIMESTAMP NOT NULL,
    required_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE declaration_signatures (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    typed_name TEXT NOT NULL,
    signed_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, version)
);

-- No row: the defaults (no extra requirements; a coordinator confirms).
CREATE TABLE branch_volunteer_settings (
    branch_id BIGINT NOT NULL PRIMARY KEY REFERENCES branches (id) ON DELETE CASCADE,
    auto_activate BOOLEAN NOT NULL DEFAULT FALSE,
    child_certificate BOOLEAN NOT NULL DEFAULT FALSE,
    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Extra requirements a coordinator has checked (e.g. a børneattest): only
-- the date it was seen, never its content.
CREATE TABLE volunteer_checks (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    checked_on DATE NOT NULL,
    recorded_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- The cohort's own detail row (1:1 with its session).
CREATE TABLE cohort_details (
    session_id BIGINT NOT NULL PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    graduation_at TIMESTAMP,
    graduation_location TEXT
);

CREATE TABLE cohort_meeting_modules (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    module_id TEXT NOT NULL,
    PRIMARY KEY (meeting_id, module_id)
);
CREATE INDEX cohort_meeting_modules_module_idx ON cohort_meeting_modules (module_id);

-- An enrolment taken only to make up a missed module.
CREATE TABLE cohort_makeups (
    session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    module_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (session_id, user_id)
);
CREATE INDEX cohort_makeups_user_idx ON cohort_makeups (user_id);
