-- How many volunteers each branch has in each status, kept beside the
-- volunteers by the triggers below, whoever writes them (a status change,
-- a move, an import, an erasure). The coordinators' start page, a branch's
-- list and its pipeline show these counts on every view; counting them
-- meant reading an index entry for every volunteer the branch ever had,
-- the alumni and the declined who pile up over the years included.
-- A counter may be 0; it is never removed while its branch exists.
CREATE TABLE volunteer_counts (
    branch_id BIGINT NOT NULL REFERENCES branches (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    people BIGINT NOT NULL,
    PRIMARY KEY (branch_id, status)
);
INSERT INTO volunteer_counts (branch_id, status, people)
SELECT branch_id, status, count(*) FROM volunteers GROUP BY branch_id, status;

CREATE FUNCTION volunteer_counts_add(b BIGINT, s TEXT, d BIGINT) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO volunteer_counts (branch_id, status, people) VALUES (b, s, d)
  ON CONFLICT (branch_id, status) DO UPDATE SET people = volunteer_counts.people + d
$$;

-- A move between two counters locks them in one order, (branch, status)
-- ascending: two changes crossing between the same two statuses at once
-- then wait for each other instead of deadlocking.
CREATE FUNCTION volunteer_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM volunteer_counts_add(NEW.branch_id, NEW.status, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM volunteer_counts_add(OLD.branch_id, OLD.status, -1);
  ELSIF (OLD.branch_id, OLD.status) < (NEW.branch_id, NEW.status) THEN
    PERFORM volunteer_counts_add(OLD.branch_id, OLD.status, -1);
    PERFORM volunteer_counts_add(NEW.branch_id, NEW.status, 1);
  ELSE
    PERFORM volunteer_counts_add(NEW.branch_id, NEW.status, 1);
    PERFORM volunteer_counts_add(OLD.branch_id, OLD.status, -1);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER volunteer_counts_on_insert_or_delete AFTER INSERT OR DELETE ON volunteers
  FOR EACH ROW EXECUTE FUNCTION volunteer_counts_follow();
CREATE TRIGGER volunteer_counts_on_update AFTER UPDATE OF status, branch_id ON volunteers
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.branch_id IS DISTINCT FROM NEW.branch_id)
  EXECUTE FUNCTION volunteer_counts_follow();
