-- The coordinators' start page counts and lists the sessions of their
-- branches that ended in the last weeks and are still open (not marked
-- held). By branch and end alone that is every session that ended in the
-- window, each read from the table to test its status (122 in
-- København's two branches at national scale, 6 of them open). Only the
-- open ones are kept here: the sessions to come and the few not yet
-- marked. A statement uses it when it writes `status = 'open'` into its
-- SQL (`code_in_sql`): of a bound status neither database can tell that
-- it is this one.
CREATE INDEX sessions_open_branch_ends_idx ON sessions (branch_id, ends_at) WHERE status = 'open';
