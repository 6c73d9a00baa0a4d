DROP TABLE certificates;
DROP TABLE genlaer_enrolments;
DROP TABLE genlaer_sessions;
DROP TABLE bookings;
DROP TABLE courses;
