DROP TABLE session_messages;
