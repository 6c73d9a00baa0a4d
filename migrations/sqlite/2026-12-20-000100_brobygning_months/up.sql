-- A branch's month of brobygninger summed, kept beside the registrations
-- by the triggers below, whoever writes them (a brobygger, a correction,
-- an erasure, retention, the generator). The coordinators' month page
-- showed these sums on every view, by summing every registration of the
-- month: 464 in København's busiest month at national scale, 33 at small
-- scale, so the page cost grew with the branch (BENCHMARKS.md, issue 20).
-- A row whose count reaches 0 is removed.

-- By programme and whether briefing and debriefing took place: the
-- month's figures.
CREATE TABLE brobygning_month_totals (
    branch_id BIGINT NOT NULL REFERENCES branches (id) ON DELETE CASCADE,
    -- The month's first day.
    month DATE NOT NULL,
    programme TEXT NOT NULL,
    briefing BOOLEAN NOT NULL,
    debriefing BOOLEAN NOT NULL,
    count BIGINT NOT NULL,
    minutes BIGINT NOT NULL,
    PRIMARY KEY (branch_id, month, programme, briefing, debriefing)
);

-- By brobygger: user_id 0 holds the erased together (their registrations
-- keep no person). The name is a copy of `users.name`, kept as
-- `volunteers.user_name` is, so that an index hands out a page of the
-- month's people in name order.
CREATE TABLE brobygning_month_people (
    branch_id BIGINT NOT NULL REFERENCES branches (id) ON DELETE CASCADE,
    month DATE NOT NULL,
    user_id BIGINT NOT NULL,
    user_name TEXT NOT NULL,
    count BIGINT NOT NULL,
    minutes BIGINT NOT NULL,
    PRIMARY KEY (branch_id, month, user_id)
);
CREATE INDEX brobygning_month_people_name_idx
    ON brobygning_month_people (branch_id, month, user_name, user_id);
-- A renamed person's rows.
CREATE INDEX brobygning_month_people_user_idx ON brobygning_month_people (user_id);

INSERT INTO brobygning_month_totals (branch_id, month, programme, briefing, debriefing, count, minutes)
SELECT branch_id, date(done_on, 'start of month'), programme, briefing, debriefing, count(*), sum(minutes)
FROM brobygninger GROUP BY 1, 2, 3, 4, 5;
INSERT INTO brobygning_month_people (branch_id, month, user_id, user_name, count, minutes)
SELECT b.branch_id, date(b.done_on, 'start of month'), ifnull(b.user_id, 0), ifnull(u.name, ''),
       count(*), sum(b.minutes)
FROM brobygninger b LEFT JOIN users u ON u.id = b.user_id GROUP BY 1, 2, 3, 4;

CREATE TRIGGER brobygning_months_on_insert AFTER INSERT ON brobygninger
BEGIN
  INSERT INTO brobygning_month_totals (branch_id, month, programme, briefing, debriefing, count, minutes)
  VALUES (NEW.branch_id, date(NEW.done_on, 'start of month'), NEW.programme, NEW.briefing,
          NEW.debriefing, 1, NEW.minutes)
  ON CONFLICT (branch_id, month, programme, briefing, debriefing)
  DO UPDATE SET count = count + 1, minutes = minutes + excluded.minutes;
  INSERT INTO brobygning_month_people (branch_id, month, user_id, user_name, count, minutes)
  VALUES (NEW.branch_id, date(NEW.done_on, 'start of month'), ifnull(NEW.user_id, 0),
          ifnull((SELECT name FROM users WHERE id = NEW.user_id), ''), 1, NEW.minutes)
  ON CONFLICT (branch_id, month, user_id)
  DO UPDATE SET count = count + 1, minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER brobygning_months_on_delete AFTER DELETE ON brobygninger
BEGIN
  UPDATE brobygning_month_totals SET count = count - 1, minutes = minutes - OLD.minutes
  WHERE branch_id = OLD.branch_id AND month = date(OLD.done_on, 'start of month')
    AND programme = OLD.programme AND briefing = OLD.briefing AND debriefing = OLD.debriefing;
  DELETE FROM brobygning_month_totals
  WHERE branch_id = OLD.branch_id AND month = date(OLD.done_on, 'start of month')
    AND programme = OLD.programme AND briefing = OLD.briefing AND debriefing = OLD.debriefing
    AND count = 0;
  UPDATE brobygning_month_people SET count = count - 1, minutes = minutes - OLD.minutes
  WHERE branch_id = OLD.branch_id AND month = date(OLD.done_on, 'start of month')
    AND user_id = ifnull(OLD.user_id, 0);
  DELETE FROM brobygning_month_people
  WHERE branch_id = OLD.branch_id AND month = date(OLD.done_on, 'start of month')
    AND user_id = ifnull(OLD.user_id, 0) AND count = 0;
END;

-- A change is the old row taken out and the new one put in. SQLite runs a
-- trigger's statements in order, so the update's own row is handled by
-- the same statements as the two triggers above.
CREATE TRIGGER brobygning_months_on_update
AFTER UPDATE OF user_id, branch_id, done_on, programme, minutes, briefing, debriefing ON brobygninger
WHEN OLD.user_id IS NOT NEW.user_id OR OLD.branch_id IS NOT NEW.branch_id
  OR OLD.done_on IS NOT NEW.done_on OR OLD.programme IS NOT NEW.programme
  OR OLD.minutes IS NOT NEW.minutes OR OLD.briefing IS NOT NEW.briefing
  OR OLD.debriefing IS NOT NEW.debriefing
BEGIN
  UPDATE brobygning_month_totals SET count = count - 1, minutes = minutes - OLD.minutes
  WHERE branch_id = OLD.branch_id AND month = date(OLD.done_on, 'start of month')
    AND programme = OLD.programme AND briefing = OLD.briefing AND debriefing = OLD.debriefing;
  DELETE FROM brobygning_month_totals
  WHERE branch_id = OLD.branch_id AND month = date(OLD.done_on, 'start of month')
    AND programme = OLD.programme AND briefing = OLD.briefing AND debriefing = OLD.debriefing
    AND count = 0;
  UPDATE brobygning_month_people SET count = count - 1, minutes = minutes - OLD.minutes
  WHERE branch_id = OLD.branch_id AND month = date(OLD.done_on, 'start of month')
    AND user_id = ifnull(OLD.user_id, 0);
  DELETE FROM brobygning_month_people
  WHERE branch_id = OLD.branch_id AND month = date(OLD.done_on, 'start of month')
    AND user_id = ifnull(OLD.user_id, 0) AND count = 0;
  INSERT INTO brobygning_month_totals (branch_id, month, programme, briefing, debriefing, count, minutes)
  VALUES (NEW.branch_id, date(NEW.done_on, 'start of month'), NEW.programme, NEW.briefing,
          NEW.debriefing, 1, NEW.minutes)
  ON CONFLICT (branch_id, month, programme, briefing, debriefing)
  DO UPDATE SET count = count + 1, minutes = minutes + excluded.minutes;
  INSERT INTO brobygning_month_people (branch_id, month, user_id, user_name, count, minutes)
  VALUES (NEW.branch_id, date(NEW.done_on, 'start of month'), ifnull(NEW.user_id, 0),
          ifnull((SELECT name FROM users WHERE id = NEW.user_id), ''), 1, NEW.minutes)
  ON CONFLICT (branch_id, month, user_id)
  DO UPDATE SET count = count + 1, minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER users_name_to_brobygning_months AFTER UPDATE OF name ON users
WHEN OLD.name IS NOT NEW.name
BEGIN
  UPDATE brobygning_month_people SET user_name = NEW.name WHERE user_id = NEW.id;
END;
