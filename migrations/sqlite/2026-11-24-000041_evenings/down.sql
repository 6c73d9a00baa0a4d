DROP TABLE evening_answers;
DROP TABLE evening_details;
