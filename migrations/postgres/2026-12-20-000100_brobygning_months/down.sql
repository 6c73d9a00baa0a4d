DROP TRIGGER users_name_to_brobygning_months ON users;
DROP FUNCTION users_name_to_brobygning_months();
DROP TRIGGER brobygning_months_on_update ON brobygninger;
DROP TRIGGER brobygning_months_on_insert_or_delete ON brobygninger;
DROP FUNCTION brobygning_months_follow();
DROP FUNCTION brobygning_months_add(brobygninger, BIGINT);
DROP TABLE brobygning_month_people;
DROP TABLE brobygning_month_totals;
