-- Found with the national benchmark (BENCHMARKS.md). A person's own
-- sessions (the calendar feed, Mine kurser, the volunteer's page) are found
-- through their enrolments: with the session id in the index the database
-- reads the index alone and never the enrolment rows themselves (about a
-- million of them at national scale).
CREATE INDEX enrolments_user_status_session_idx ON enrolments (user_id, status, session_id);
DROP INDEX enrolments_user_idx;
