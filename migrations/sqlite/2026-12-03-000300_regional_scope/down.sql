ALTER TABLE branch_volunteer_settings DROP COLUMN reapply_months;
DROP TABLE volunteer_moves;
DROP TABLE coordinator_regions;
