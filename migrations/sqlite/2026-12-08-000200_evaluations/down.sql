DROP TABLE evaluation_answers;
DROP TABLE evaluation_links;
