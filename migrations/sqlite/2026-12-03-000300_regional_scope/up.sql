-- A regional coordinator: every branch of these regions, including
-- branches added to the region later (the account expands them when it
-- is loaded, `db::users::load_account`).
CREATE TABLE coordinator_regions (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    region_id BIGINT NOT NULL REFERENCES regions (id),
    PRIMARY KEY (user_id, region_id)
);
CREATE INDEX coordinator_regions_region_idx ON coordinator_regions (region_id);

-- A volunteer moved to another branch (a student moving city). Kept apart
-- from the status history, whose rows the supervision rule reads as
-- activations and pauses.
CREATE TABLE volunteer_moves (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    from_branch_id BIGINT NOT NULL REFERENCES branches (id),
    to_branch_id BIGINT NOT NULL REFERENCES branches (id),
    moved_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX volunteer_moves_user_idx ON volunteer_moves (user_id);

-- How long a declined applicant waits before applying again.
ALTER TABLE branch_volunteer_settings ADD COLUMN reapply_months INTEGER NOT NULL DEFAULT 6;
