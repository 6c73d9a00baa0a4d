DROP TABLE brobygninger;
