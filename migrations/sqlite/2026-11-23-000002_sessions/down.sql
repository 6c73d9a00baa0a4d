DROP TABLE attendance;
DROP TABLE enrolments;
DROP TABLE meetings;
DROP TABLE sessions;
