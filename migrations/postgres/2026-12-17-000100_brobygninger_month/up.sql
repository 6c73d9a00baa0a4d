-- A branch's month of brobygninger: the coordinators' month page counts it
-- by day and programme, by person, and in all, and the annual figures by
-- branch. With only the branch and the day in the index, each of those
-- read a table row per brobygning (464 in København's busiest month at
-- national scale), so the page's cost grew with the branch. With the
-- columns they count in the index, they read the index alone, in the
-- order the day's groups are summed in. It serves everything the old
-- index did, which it replaces (BENCHMARKS.md, issue 20, 5 December 2026).
DROP INDEX brobygninger_branch_date_idx;
CREATE INDEX brobygninger_branch_date_idx
    ON brobygninger (branch_id, done_on, programme, briefing, debriefing, user_id, minutes);
