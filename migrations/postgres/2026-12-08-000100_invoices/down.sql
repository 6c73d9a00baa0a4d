DROP TABLE invoice_lines;
DROP TABLE invoices;
DROP TABLE invoice_counters;
ALTER TABLE bookings DROP COLUMN price_ore;
