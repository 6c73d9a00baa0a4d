-- The audit log: what staff did, when, from which client, to what. Written
-- in the same transaction as the change it describes (`app::audit`), read
-- by administrators at /admin/revision, and never changed afterwards: the
-- site has no path that updates or deletes a row, and the triggers below
-- refuse one from anywhere else.
--
-- `actor_id` has no foreign key on purpose: the log outlives the accounts
-- it names (NULL is the system). `object_label` holds a short name of what
-- is not a person (a branch, a course title); people are shown through
-- their account, so erasing an account leaves no name behind here.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TIMESTAMP NOT NULL,
    actor_id BIGINT,
    client TEXT NOT NULL,
    action TEXT NOT NULL,
    object_kind TEXT NOT NULL,
    object_id BIGINT,
    object_label TEXT,
    detail TEXT
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at);
CREATE INDEX audit_log_action_idx ON audit_log (action, at);
CREATE INDEX audit_log_object_idx ON audit_log (object_kind, object_id, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
