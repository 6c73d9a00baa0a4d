-- When attendance was first registered for the meeting. The coordinators'
-- start page lists the meetings of the last 60 days without it; asked of
-- the attendance rows, that meant every meeting of the window nationally
-- (about 900 at national scale) joined to the branches' sessions and
-- looked up in `attendance` one by one, 4 ms per view on PostgreSQL. Kept
-- on the meeting, the partial index below holds only the meetings still
-- waiting, so the search reads those few. It also stays set when an
-- erasure removes the only attendance rows of a meeting: registered once
-- is registered, and the task does not come back.
ALTER TABLE meetings ADD COLUMN attendance_recorded_at TIMESTAMP;
UPDATE meetings SET attendance_recorded_at = (
    SELECT MIN(attendance.recorded_at) FROM attendance WHERE attendance.meeting_id = meetings.id
);
CREATE INDEX meetings_attendance_missing_idx ON meetings (ends_at)
    WHERE cancelled_at IS NULL AND attendance_recorded_at IS NULL;
