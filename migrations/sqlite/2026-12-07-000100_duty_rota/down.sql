DROP TABLE duty_offers;
DROP TABLE duty_shifts;
DROP TABLE duty_days_off;
DROP TABLE duty_slots;
ALTER TABLE branch_volunteer_settings DROP COLUMN phone_closes_minute;
ALTER TABLE branch_volunteer_settings DROP COLUMN phone_opens_minute;
ALTER TABLE branch_volunteer_settings DROP COLUMN duty_target_max;
ALTER TABLE branch_volunteer_settings DROP COLUMN duty_target_min;
