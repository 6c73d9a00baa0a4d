-- Invoices for GenLær (issue 19). The price an organisation's booking was
-- accepted at, stated by the coordinator and shown to the requester.
ALTER TABLE bookings ADD COLUMN price_ore BIGINT;

-- One series of numbers per year without gaps: the use case that issues a
-- number updates its year's row in the transaction that writes the
-- document, so a rolled-back document gives its number back and two
-- documents never share one.
CREATE TABLE invoice_counters (
    year INTEGER PRIMARY KEY,
    last_number BIGINT NOT NULL
);

-- Invoices and credit notes (kind), one per paying organisation of a held
-- session or of a booking. The buyer's details are copied from what was
-- typed when enrolling or booking, and never change once sent.
CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    seq BIGINT NOT NULL,
    number TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    credits_id BIGINT REFERENCES invoices (id),
    branch_id BIGINT REFERENCES branches (id),
    session_id BIGINT REFERENCES sessions (id),
    booking_id BIGINT,
    course_title TEXT NOT NULL,
    buyer_name TEXT NOT NULL,
    payer_kind TEXT NOT NULL,
    payer_id TEXT NOT NULL,
    buyer_address TEXT,
    reference TEXT,
    buyer_email TEXT,
    issue_date DATE NOT NULL,
    due_date DATE NOT NULL,
    total_ore BIGINT NOT NULL,
    sent_at TIMESTAMP,
    paid_at TIMESTAMP,
    created_by BIGINT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX invoices_year_seq ON invoices (year, seq);
-- The coordinators' list (their branches, by state) and the overdue task.
CREATE INDEX invoices_branch_status ON invoices (branch_id, status, due_date);
CREATE INDEX invoices_session ON invoices (session_id);
CREATE INDEX invoices_booking ON invoices (booking_id);
CREATE INDEX invoices_credits ON invoices (credits_id);
-- The bookkeeping export reads a period.
CREATE INDEX invoices_issue_date ON invoices (issue_date);

-- An invoice's lines: a participant's seat or late cancellation, or the
-- booking; a credit note's lines reverse lines of the invoice it credits.
CREATE TABLE invoice_lines (
    id INTEGER PRIMARY KEY,
    invoice_id BIGINT NOT NULL REFERENCES invoices (id),
    position INTEGER NOT NULL,
    line_kind TEXT NOT NULL,
    description TEXT NOT NULL,
    participant_name TEXT,
    -- No foreign key: the bookkeeping act keeps the line when an erasure
    -- removes the enrolment.
    enrolment_id BIGINT,
    amount_ore BIGINT NOT NULL,
    credits_line_id BIGINT REFERENCES invoice_lines (id)
);
CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id, position);
CREATE INDEX invoice_lines_enrolment ON invoice_lines (enrolment_id);
CREATE INDEX invoice_lines_credits ON invoice_lines (credits_line_id);
