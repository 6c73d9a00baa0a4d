-- A certificate states the course's learning goals as they were when it
-- was issued (professionals file it for their continuing education), so
-- they are frozen with it like the title; certificates issued before get
-- the course's goals of today.
ALTER TABLE certificates ADD COLUMN learning_goals TEXT NOT NULL DEFAULT '';
UPDATE certificates SET learning_goals = COALESCE((
    SELECT c.learning_goals FROM genlaer_sessions g
    JOIN courses c ON c.id = g.course_id
    WHERE g.session_id = certificates.session_id), '');
