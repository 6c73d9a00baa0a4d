-- A new address someone asked to change to, waiting to be confirmed from
-- that address (a `change_email` token). Only one at a time: asking again
-- replaces it. NULL when no change is waiting.
ALTER TABLE users ADD COLUMN pending_email TEXT;
