-- A person's seats of one kind still to come, read by their kind before
-- their date. The supervision overview's next booked meeting and a
-- trainee's cohort seats filter by kind, and by date the index that
-- orders seats by end read all fifty people's seats to come to keep the
-- supervision ones: some 750 at national scale, nine in ten of them
-- evenings. This index replaces (user_id, status, session_id), whose
-- reads it serves as well (the same leading columns, the session id
-- still in the index), so a seat costs no more to write.
-- `enrolments_user_ends_idx` stays: the agenda reads a person's latest
-- seats of every kind in date order.
DROP INDEX enrolments_user_status_session_idx;
CREATE INDEX enrolments_user_kind_ends_idx ON enrolments (user_id, status, session_kind, session_ends_at, session_id);
