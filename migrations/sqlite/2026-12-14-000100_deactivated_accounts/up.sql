-- The few deactivated accounts, for lists of a branch's people that leave
-- them out. Asked as a join, PostgreSQL walked `users` by id from the
-- first account to meet a branch's active brobyggere (5,000 rows for 755
-- people on the duty rota at national scale); asked as "not one of these",
-- it reads this index, which holds only the accounts that are closed.
CREATE INDEX users_deactivated_idx ON users (id) WHERE deactivated_at IS NOT NULL;
