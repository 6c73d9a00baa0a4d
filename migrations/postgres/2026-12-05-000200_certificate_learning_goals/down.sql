ALTER TABLE certificates DROP COLUMN learning_goals;
