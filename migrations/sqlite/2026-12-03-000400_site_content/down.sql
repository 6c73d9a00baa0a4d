DROP TABLE declaration_versions;
DROP TABLE course_modules;
