DROP TABLE supervision_notices;
DROP TABLE supervision_requests;
DROP TABLE supervision_details;
ALTER TABLE branch_volunteer_settings DROP COLUMN supervision_window_months;
