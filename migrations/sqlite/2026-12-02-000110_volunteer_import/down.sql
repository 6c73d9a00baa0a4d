ALTER TABLE declaration_signatures DROP COLUMN imported_by;
ALTER TABLE declaration_signatures DROP COLUMN imported_at;
DROP TABLE volunteer_imports;
DROP TABLE prior_training;
