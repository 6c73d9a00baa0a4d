-- The preparation course's modules and the confidentiality declaration's
-- versions, edited in the site. Seeded from `course-material/` when empty.
-- A module keeps its id (attendance and imports refer to it); a
-- declaration version is never changed once published, so a signature
-- always points at the text that was signed.
CREATE TABLE course_modules (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    position INTEGER NOT NULL,
    mandatory BOOLEAN NOT NULL,
    body TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE TABLE declaration_versions (
    version INTEGER PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    valid_from DATE NOT NULL,
    published_at TIMESTAMP NOT NULL,
    published_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
