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
SELECT branch_id, date_trunc('month', done_on)::date, programme, briefing, debriefing, count(*), sum(minutes)
FROM brobygninger GROUP BY 1, 2, 3, 4, 5;
INSERT INTO brobygning_month_people (branch_id, month, user_id, user_name, count, minutes)
SELECT b.branch_id, date_trunc('month', b.done_on)::date, coalesce(b.user_id, 0), coalesce(u.name, ''),
       count(*), sum(b.minutes)
FROM brobygninger b LEFT JOIN users u ON u.id = b.user_id GROUP BY 1, 2, 3, 4;

-- One registration added to (d = 1) or taken from (d = -1) its month's
-- sums; a sum that reaches 0 goes.
CREATE FUNCTION brobygning_months_add(r brobygninger, d BIGINT) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  m DATE := date_trunc('month', r.done_on)::date;
  u BIGINT := coalesce(r.user_id, 0);
BEGIN
  INSERT INTO brobygning_month_totals AS t
    (branch_id, month, programme, briefing, debriefing, count, minutes)
  VALUES (r.branch_id, m, r.programme, r.briefing, r.debriefing, d, d * r.minutes)
  ON CONFLICT (branch_id, month, programme, briefing, debriefing)
  DO UPDATE SET count = t.count + d, minutes = t.minutes + d * r.minutes;
  INSERT INTO brobygning_month_people AS p (branch_id, month, user_id, user_name, count, minutes)
  VALUES (r.branch_id, m, u, coalesce((SELECT name FROM users WHERE id = r.user_id), ''),
          d, d * r.minutes)
  ON CONFLICT (branch_id, month, user_id)
  DO UPDATE SET count = p.count + d, minutes = p.minutes + d * r.minutes;
  IF d < 0 THEN
    DELETE FROM brobygning_month_totals
    WHERE (branch_id, month, programme, briefing, debriefing)
        = (r.branch_id, m, r.programme, r.briefing, r.debriefing)
      AND count = 0;
    DELETE FROM brobygning_month_people
    WHERE (branch_id, month, user_id) = (r.branch_id, m, u) AND count = 0;
  END IF;
END;
$$;

-- A change takes the old row out and puts the new one in, the sums locked
-- in the order of their keys: two corrections crossing between the same
-- two sums at once wait for each other instead of deadlocking.
CREATE FUNCTION brobygning_months_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM brobygning_months_add(NEW, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM brobygning_months_add(OLD, -1);
  ELSIF (OLD.branch_id, date_trunc('month', OLD.done_on), OLD.programme, OLD.briefing,
         OLD.debriefing, coalesce(OLD.user_id, 0))
     <= (NEW.branch_id, date_trunc('month', NEW.done_on), NEW.programme, NEW.briefing,
         NEW.debriefing, coalesce(NEW.user_id, 0)) THEN
    PERFORM brobygning_months_add(OLD, -1);
    PERFORM brobygning_months_add(NEW, 1);
  ELSE
    PERFORM brobygning_months_add(NEW, 1);
    PERFORM brobygning_months_add(OLD, -1);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER brobygning_months_on_insert_or_delete AFTER INSERT OR DELETE ON brobygninger
  FOR EACH ROW EXECUTE FUNCTION brobygning_months_follow();
CREATE TRIGGER brobygning_months_on_update
  AFTER UPDATE OF user_id, branch_id, done_on, programme, minutes, briefing, debriefing ON brobygninger
  FOR EACH ROW
  WHEN ((OLD.user_id, OLD.branch_id, OLD.done_on, OLD.programme, OLD.minutes, OLD.briefing, OLD.debriefing)
        IS DISTINCT FROM
        (NEW.user_id, NEW.branch_id, NEW.done_on, NEW.programme, NEW.minutes, NEW.briefing, NEW.debriefing))
  EXECUTE FUNCTION brobygning_months_follow();

CREATE FUNCTION users_name_to_brobygning_months() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE brobygning_month_people SET user_name = NEW.name WHERE user_id = NEW.id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER users_name_to_brobygning_months AFTER UPDATE OF name ON users
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION users_name_to_brobygning_months();
