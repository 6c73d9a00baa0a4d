DROP INDEX brobygninger_branch_date_idx;
CREATE INDEX brobygninger_branch_date_idx ON brobygninger (branch_id, done_on);
