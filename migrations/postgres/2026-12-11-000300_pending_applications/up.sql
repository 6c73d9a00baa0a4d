-- The coordinators' start page lists the first pending applications of
-- their branches (with and without the intro conversation held), oldest
-- first, and counts them. By branch and status alone that read every
-- pending application's row (1,556 in København at national scale) to
-- test intro_on and sort; with the date and order in the index, the
-- count and the first five are read from the index.
CREATE INDEX volunteer_applications_pending_idx
    ON volunteer_applications (branch_id, status, intro_on, created_at, id);
