-- The coordinators' lists of a branch's volunteers are ordered by name: a
-- copy of the person's name beside the branch lets an index hand them out
-- in that order a page at a time, where joining users meant sorting every
-- volunteer a big branch ever had on each request. Kept equal to
-- `users.name` by the triggers below, whoever writes either table.
ALTER TABLE volunteers ADD COLUMN user_name TEXT NOT NULL DEFAULT '';
UPDATE volunteers SET user_name = users.name FROM users WHERE users.id = volunteers.user_id;
CREATE INDEX volunteers_branch_name_idx ON volunteers (branch_id, user_name, user_id);
CREATE INDEX volunteers_branch_status_name_idx ON volunteers (branch_id, status, user_name, user_id);

CREATE FUNCTION volunteers_user_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.user_name := (SELECT name FROM users WHERE users.id = NEW.user_id);
  RETURN NEW;
END;
$$;
CREATE TRIGGER volunteers_user_name_on_insert BEFORE INSERT ON volunteers
  FOR EACH ROW EXECUTE FUNCTION volunteers_user_name();

CREATE FUNCTION users_name_to_volunteers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE volunteers SET user_name = NEW.name WHERE user_id = NEW.id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER users_name_to_volunteers AFTER UPDATE OF name ON users
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION users_name_to_volunteers();
