-- A meeting may be held online at its own link (a cohort's one online
-- evening, a supervision group meeting on video once); empty means the
-- session's link, as the place falls back to the session's place.
ALTER TABLE meetings ADD COLUMN online_url TEXT;
