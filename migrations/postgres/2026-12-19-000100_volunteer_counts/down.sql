DROP TRIGGER volunteer_counts_on_update ON volunteers;
DROP TRIGGER volunteer_counts_on_insert_or_delete ON volunteers;
DROP FUNCTION volunteer_counts_follow();
DROP FUNCTION volunteer_counts_add(BIGINT, TEXT, BIGINT);
DROP TABLE volunteer_counts;
