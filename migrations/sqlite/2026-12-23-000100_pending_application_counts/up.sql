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

CREATE TRIGGER pending_application_counts_on_insert AFTER INSERT ON volunteer_applications
WHEN NEW.status = 'pending'
BEGIN
  INSERT INTO pending_application_counts (branch_id, pending, after_intro)
  VALUES (NEW.branch_id, 1, NEW.intro_on IS NOT NULL)
  ON CONFLICT (branch_id) DO UPDATE SET pending = pending + 1,
    after_intro = after_intro + (NEW.intro_on IS NOT NULL);
END;

CREATE TRIGGER pending_application_counts_on_delete AFTER DELETE ON volunteer_applications
WHEN OLD.status = 'pending'
BEGIN
  UPDATE pending_application_counts SET pending = pending - 1,
    after_intro = after_intro - (OLD.intro_on IS NOT NULL)
  WHERE branch_id = OLD.branch_id;
END;

CREATE TRIGGER pending_application_counts_on_update
AFTER UPDATE OF status, branch_id, intro_on ON volunteer_applications
WHEN (OLD.status = 'pending' OR NEW.status = 'pending')
  AND (OLD.status IS NOT NEW.status OR OLD.branch_id IS NOT NEW.branch_id
       OR (OLD.intro_on IS NULL) IS NOT (NEW.intro_on IS NULL))
BEGIN
  UPDATE pending_application_counts SET pending = pending - 1,
    after_intro = after_intro - (OLD.intro_on IS NOT NULL)
  WHERE OLD.status = 'pending' AND branch_id = OLD.branch_id;
  INSERT INTO pending_application_counts (branch_id, pending, after_intro)
  SELECT NEW.branch_id, 1, NEW.intro_on IS NOT NULL WHERE NEW.status = 'pending'
  ON CONFLICT (branch_id) DO UPDATE SET pending = pending + 1,
    after_intro = after_intro + (NEW.intro_on IS NOT NULL);
END;
