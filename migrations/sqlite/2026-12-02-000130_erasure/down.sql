ALTER TABLE users DROP COLUMN erased_at;
DROP TABLE erasure_requests;
