DROP INDEX meetings_attendance_missing_idx;
ALTER TABLE meetings DROP COLUMN attendance_recorded_at;
