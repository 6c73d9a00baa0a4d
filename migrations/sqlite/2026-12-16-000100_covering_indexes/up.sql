-- Indexes that hold what two hot lists read, so the lists come from the
-- index alone instead of a table row per entry (BENCHMARKS.md, issue 20,
-- 5 December 2026, morning).
--
-- A person's seats still to come: the supervision overview's next booked
-- meeting and the volunteer's agenda need each seat's session, so it is
-- part of the index that finds the seats by date.
DROP INDEX enrolments_user_ends_idx;
CREATE INDEX enrolments_user_ends_idx ON enrolments (user_id, status, session_ends_at, session_id);
-- The last day of each paused volunteer's current pause (the pipeline,
-- the start page, the daily end of pauses): read for every paused
-- volunteer of a branch on each view.
CREATE INDEX volunteer_status_changes_pause_idx ON volunteer_status_changes (user_id, to_status, id, until);
