-- The pipeline's list of those in training is a page of a branch's
-- volunteers in name order, among those approved or in training. On the
-- index of all the branch's volunteers by name, a large branch walked past
-- everyone active, paused or gone before it had fifty (0.28 ms of the
-- page on PostgreSQL at national scale). This index holds only the
-- pipeline, so the page is its first fifty entries not yet ready. Its
-- condition is written as the query writes it: SQLite uses a partial
-- index only for a query whose WHERE has the same term.
CREATE INDEX volunteers_pipeline_name_idx ON volunteers (branch_id, user_name, user_id)
  WHERE (status = 'approved') OR (status = 'in_training');
