ALTER TABLE users DROP COLUMN last_login_at;
ALTER TABLE users DROP COLUMN erased_at;
DROP TABLE erasure_requests;
