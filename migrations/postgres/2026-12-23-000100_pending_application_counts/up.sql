-- How many applications wait for a decision in each branch, and how many
-- of those have had their intro conversation, kept beside the applications
-- by the triggers below, whoever writes them (an application, a decision,
-- an intro, a move, an erasure). The pipeline and the coordinators' start
-- page show these counts on every view; counting them meant reading an
-- index entry for every pending application (1,500 in a busy branch at
-- national scale). A row may hold 0; it is never removed while its branch
-- exists.
CREATE TABLE pending_application_counts (
    branch_id BIGINT NOT NULL PRIMARY KEY REFERENCES branches (id) ON DELETE CASCADE,
    pending BIGINT NOT NULL,
    after_intro BIGINT NOT NULL
);
INSERT INTO pending_application_counts (branch_id, pending, after_intro)
SELECT branch_id, count(*), count(intro_on) FROM volunteer_applications
WHERE status = 'pending' GROUP BY branch_id;

CREATE FUNCTION pending_application_counts_add(b BIGINT, p BIGINT, i BIGINT) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO pending_application_counts (branch_id, pending, after_intro) VALUES (b, p, i)
  ON CONFLICT (branch_id) DO UPDATE SET
    pending = pending_application_counts.pending + p,
    after_intro = pending_application_counts.after_intro + i
$$;

-- A move between two branches changes their rows in one order (branch
-- ascending): two moves crossing between the same two branches at once
-- then wait for each other instead of deadlocking.
CREATE FUNCTION pending_application_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_p BIGINT := 0; old_i BIGINT := 0; new_p BIGINT := 0; new_i BIGINT := 0;
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status = 'pending' THEN
    old_p := 1; old_i := (OLD.intro_on IS NOT NULL)::int;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'pending' THEN
    new_p := 1; new_i := (NEW.intro_on IS NOT NULL)::int;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM pending_application_counts_add(NEW.branch_id, new_p, new_i);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pending_application_counts_add(OLD.branch_id, -old_p, -old_i);
  ELSIF OLD.branch_id = NEW.branch_id THEN
    PERFORM pending_application_counts_add(NEW.branch_id, new_p - old_p, new_i - old_i);
  ELSIF OLD.branch_id < NEW.branch_id THEN
    PERFORM pending_application_counts_add(OLD.branch_id, -old_p, -old_i);
    PERFORM pending_application_counts_add(NEW.branch_id, new_p, new_i);
  ELSE
    PERFORM pending_application_counts_add(NEW.branch_id, new_p, new_i);
    PERFORM pending_application_counts_add(OLD.branch_id, -old_p, -old_i);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER pending_application_counts_on_insert AFTER INSERT ON volunteer_applications
  FOR EACH ROW WHEN (NEW.status = 'pending')
  EXECUTE FUNCTION pending_application_counts_follow();
CREATE TRIGGER pending_application_counts_on_delete AFTER DELETE ON volunteer_applications
  FOR EACH ROW WHEN (OLD.status = 'pending')
  EXECUTE FUNCTION pending_application_counts_follow();
CREATE TRIGGER pending_application_counts_on_update
  AFTER UPDATE OF status, branch_id, intro_on ON volunteer_applications
  FOR EACH ROW
  WHEN ((OLD.status = 'pending' OR NEW.status = 'pending')
    AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.branch_id IS DISTINCT FROM NEW.branch_id
         OR (OLD.intro_on IS NULL) IS DISTINCT FROM (NEW.intro_on IS NULL)))
  EXECUTE FUNCTION pending_application_counts_follow();
