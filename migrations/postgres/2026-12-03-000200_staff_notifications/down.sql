DROP TABLE task_digests;
DROP TABLE staff_notification_settings;
