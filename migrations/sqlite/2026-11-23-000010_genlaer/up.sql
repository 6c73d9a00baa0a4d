-- GenLær: the course catalogue, each GenLær session's details (a 1:1 table
-- beside `sessions`), what a participant typed when enrolling (workplace,
-- invoice), organisations' booking requests, and course certificates.
-- Amounts are øre; course hours are minutes.

CREATE TABLE courses (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    -- Markdown.
    description TEXT NOT NULL,
    -- A code (domain::genlaer::Audience), for the catalogue's filter.
    audience TEXT NOT NULL,
    target_group TEXT NOT NULL,
    -- Markdown, usually a list.
    learning_goals TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    -- open, inhouse or both.
    format TEXT NOT NULL,
    price_ore BIGINT NOT NULL,
    vat_note TEXT NOT NULL DEFAULT '',
    cancellation_terms TEXT NOT NULL DEFAULT '',
    -- A late cancellation costs nothing when the seat is refilled.
    late_free_if_refilled BOOLEAN NOT NULL DEFAULT TRUE,
    -- NULL: national (edited by administrators only).
    region_id BIGINT REFERENCES regions (id),
    published BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX courses_published_title_idx ON courses (published, title);
CREATE INDEX courses_region_idx ON courses (region_id);

CREATE TABLE bookings (
    id INTEGER PRIMARY KEY,
    course_id BIGINT NOT NULL REFERENCES courses (id),
    -- The branch asked to run it; NULL: the national secretariat.
    branch_id BIGINT REFERENCES branches (id),
    requester_id BIGINT NOT NULL REFERENCES users (id),
    organisation TEXT NOT NULL,
    organisation_kind TEXT NOT NULL,
    wished_from DATE NOT NULL,
    wished_to DATE NOT NULL,
    participants INTEGER NOT NULL,
    place TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    contact_phone TEXT NOT NULL DEFAULT '',
    invoice_kind TEXT NOT NULL,
    ean TEXT,
    cvr TEXT,
    invoice_address TEXT,
    reference TEXT,
    message TEXT,
    status TEXT NOT NULL,
    decline_reason TEXT,
    decided_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    decided_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX bookings_branch_status_idx ON bookings (branch_id, status, created_at);
CREATE INDEX bookings_status_idx ON bookings (status, created_at);
CREATE INDEX bookings_requester_idx ON bookings (requester_id);

CREATE TABLE genlaer_sessions (
    session_id BIGINT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    course_id BIGINT NOT NULL REFERENCES courses (id),
    teachers TEXT NOT NULL DEFAULT '',
    -- Set for an organisation's in-house session: closed to the public,
    -- open to the holders of its private link.
    booking_id BIGINT REFERENCES bookings (id),
    link_token_hash TEXT UNIQUE,
    link_salt TEXT
);
CREATE INDEX genlaer_sessions_course_idx ON genlaer_sessions (course_id);
CREATE INDEX genlaer_sessions_booking_idx ON genlaer_sessions (booking_id);

CREATE TABLE genlaer_enrolments (
    enrolment_id BIGINT PRIMARY KEY REFERENCES enrolments (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    workplace TEXT NOT NULL,
    job_title TEXT NOT NULL,
    needs TEXT,
    -- ean, cvr, or booking (the organisation's booking pays).
    invoice_kind TEXT NOT NULL,
    ean TEXT,
    cvr TEXT,
    invoice_address TEXT,
    reference TEXT,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE certificates (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    session_id BIGINT NOT NULL REFERENCES sessions (id),
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- What the certificate states, as it was when issued.
    name TEXT NOT NULL,
    course_title TEXT NOT NULL,
    first_day TIMESTAMP NOT NULL,
    last_day TIMESTAMP NOT NULL,
    minutes INTEGER NOT NULL,
    issuer TEXT NOT NULL,
    issued_at TIMESTAMP NOT NULL,
    UNIQUE (session_id, user_id)
);
CREATE INDEX certificates_user_idx ON certificates (user_id);
