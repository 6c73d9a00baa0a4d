DROP INDEX volunteer_applications_branch_idx;
CREATE INDEX volunteer_applications_branch_idx
    ON volunteer_applications (branch_id, status, created_at);
