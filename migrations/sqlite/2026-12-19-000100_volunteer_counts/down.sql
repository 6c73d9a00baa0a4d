DROP TRIGGER volunteer_counts_on_update;
DROP TRIGGER volunteer_counts_on_delete;
DROP TRIGGER volunteer_counts_on_insert;
DROP TABLE volunteer_counts;
