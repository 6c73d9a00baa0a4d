-- Found with the national benchmark (BENCHMARKS.md). A volunteer's
-- supervision standing counts from the last supervision they attended.
-- Working that out from attendance read every attendance row of every
-- volunteer in the branch (about a hundred each after five years of
-- brobyggeraftener) on every view of the coordinators' overview. It is kept
-- here instead, set again from attendance whenever attendance at a
-- supervision meeting is recorded (db::attendance::record).
ALTER TABLE volunteers ADD COLUMN last_supervision_at TIMESTAMP;
UPDATE volunteers SET last_supervision_at = (
    SELECT max(m.starts_at)
    FROM attendance a
    JOIN meetings m ON m.id = a.meeting_id
    JOIN sessions s ON s.id = m.session_id
    WHERE a.user_id = volunteers.user_id
      AND s.kind = 'supervision'
      AND a.status IN ('present', 'partial')
);
