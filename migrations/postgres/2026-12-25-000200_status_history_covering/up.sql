-- The supervision rule reads each person's activations and pauses from
-- their status history: for the overview's fifty people some 200 changes,
-- each read from the table for three columns. This index holds those
-- columns after (user_id, id), in the order the rule reads them, so the
-- read stays in the index and nothing is sorted. It replaces the index on
-- (user_id, id) alone, whose reads it serves as well; a status changes a
-- few times in a volunteer's life, so the wider entry costs nothing that
-- shows.
DROP INDEX volunteer_status_changes_user_idx;
CREATE INDEX volunteer_status_changes_user_idx ON volunteer_status_changes (user_id, id, to_status, from_status, created_at);
