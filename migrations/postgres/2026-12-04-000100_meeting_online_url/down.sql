ALTER TABLE meetings DROP COLUMN online_url;
