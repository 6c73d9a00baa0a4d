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

CREATE TRIGGER volunteer_counts_on_insert AFTER INSERT ON volunteers
BEGIN
  INSERT INTO volunteer_counts (branch_id, status, people) VALUES (NEW.branch_id, NEW.status, 1)
  ON CONFLICT (branch_id, status) DO UPDATE SET people = people + 1;
END;

CREATE TRIGGER volunteer_counts_on_delete AFTER DELETE ON volunteers
BEGIN
  UPDATE volunteer_counts SET people = people - 1
  WHERE branch_id = OLD.branch_id AND status = OLD.status;
END;

CREATE TRIGGER volunteer_counts_on_update AFTER UPDATE OF status, branch_id ON volunteers
WHEN OLD.status IS NOT NEW.status OR OLD.branch_id IS NOT NEW.branch_id
BEGIN
  UPDATE volunteer_counts SET people = people - 1
  WHERE branch_id = OLD.branch_id AND status = OLD.status;
  INSERT INTO volunteer_counts (branch_id, status, people) VALUES (NEW.branch_id, NEW.status, 1)
  ON CONFLICT (branch_id, status) DO UPDATE SET people = people + 1;
END;
