-- Vagtplan (duty rota): a branch's weekly duty slots by the counselling
-- phone, the dates on which no vagt is made (holidays, days off), and each
-- vagt (a slot on a date) as an engine session of kind 'duty' with its
-- detail row. A brobygger giving a vagt away is an open offer until someone
-- takes it. No table has a free-text field: the rota holds who is on duty,
-- never anything about a citizen.

-- The branch's monthly target per active brobygger (vagter a month) and
-- the counselling phone's opening hours (minutes after midnight,
-- Copenhagen), within which slots lie.
ALTER TABLE branch_volunteer_settings ADD COLUMN duty_target_min INTEGER NOT NULL DEFAULT 1;
ALTER TABLE branch_volunteer_settings ADD COLUMN duty_target_max INTEGER NOT NULL DEFAULT 2;
ALTER TABLE branch_volunteer_settings ADD COLUMN phone_opens_minute INTEGER NOT NULL DEFAULT 480;
ALTER TABLE branch_volunteer_settings ADD COLUMN phone_closes_minute INTEGER NOT NULL DEFAULT 930;

CREATE TABLE duty_slots (
    id INTEGER PRIMARY KEY,
    branch_id BIGINT NOT NULL REFERENCES branches (id),
    -- 1 = Monday … 7 = Sunday.
    weekday INTEGER NOT NULL,
    -- Minutes after midnight, Copenhagen.
    start_minute INTEGER NOT NULL,
    end_minute INTEGER NOT NULL,
    -- 'health', 'social' or 'association' (domain::brobygning::Programme).
    programme TEXT NOT NULL,
    wanted INTEGER NOT NULL,
    valid_from DATE NOT NULL,
    valid_to DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    -- Removed by a coordinator: its coming vagter were cancelled.
    ended_at TIMESTAMP
);
CREATE INDEX duty_slots_branch_idx ON duty_slots (branch_id, valid_to);

CREATE TABLE duty_days_off (
    branch_id BIGINT NOT NULL REFERENCES branches (id),
    day DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (branch_id, day)
);

CREATE TABLE duty_shifts (
    session_id BIGINT NOT NULL PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    slot_id BIGINT NOT NULL REFERENCES duty_slots (id),
    branch_id BIGINT NOT NULL REFERENCES branches (id),
    day DATE NOT NULL,
    programme TEXT NOT NULL
);
CREATE UNIQUE INDEX duty_shifts_slot_day_idx ON duty_shifts (slot_id, day);
CREATE INDEX duty_shifts_branch_day_idx ON duty_shifts (branch_id, day);

CREATE TABLE duty_offers (
    session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    offered_at TIMESTAMP NOT NULL,
    -- After this only a coordinator can release the vagt.
    open_until TIMESTAMP NOT NULL,
    PRIMARY KEY (session_id, user_id)
);
CREATE INDEX duty_offers_user_idx ON duty_offers (user_id);
