-- Brobyggere trained before Brobyg existed (issue: volunteer import).
--
-- Modules of the preparation course completed before Brobyg, one row per
-- person and module, as an administrator imported them. The gate credits
-- each such module in full. `completed_on` is the course's completion date
-- when the file gave one (`uddannet_dato`); modules listed one by one
-- (`gennemfoerte_moduler`) have none. `imported_by` NULL: the command line.
CREATE TABLE prior_training (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    module_id TEXT NOT NULL,
    completed_on DATE,
    imported_at TIMESTAMP NOT NULL,
    imported_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (user_id, module_id)
);

-- What else the import file said about a person that has no place of its
-- own: study programme, institution, a note for the coordinator, and the
-- day of the last supervision before Brobyg (kept here because
-- `volunteers.last_supervision_at` is recomputed from attendance, which
-- knows nothing before Brobyg). One row per imported person; its existence
-- marks them as imported.
CREATE TABLE volunteer_imports (
    user_id BIGINT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    study_programme TEXT,
    institution TEXT,
    coordinator_notes TEXT,
    last_supervision_at TIMESTAMP,
    imported_at TIMESTAMP NOT NULL,
    imported_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL
);

-- A declaration signed on paper before Brobyg: `signed_at` is the date on
-- the paper, and these two say when and by whom it was imported.
ALTER TABLE declaration_signatures ADD COLUMN imported_at TIMESTAMP;
-- No REFERENCES here: SQLite cannot drop a column that is part of a
-- foreign key, which the down migration does.
ALTER TABLE declaration_signatures ADD COLUMN imported_by BIGINT;
