DROP INDEX login_failures_pair_idx;
DROP TABLE recovery_codes;
DROP TABLE second_factors;
DROP TABLE login_sessions;
