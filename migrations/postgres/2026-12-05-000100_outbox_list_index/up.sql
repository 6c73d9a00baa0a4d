-- The administrators' outbox lists one status at a time, newest first, a
-- page at a time: (status, id) serves the filter and the order together.
CREATE INDEX outbox_status_id_idx ON outbox (status, id);
