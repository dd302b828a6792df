-- Each session keeps its number of turns and its average score, so the History list can
-- be filtered by score a page at a time (grouping every session's turns took 0.4 s at
-- 10,000 sessions). Triggers keep them right however turns change: a new answer, its
-- score arriving, an import, a deletion.
ALTER TABLE sessions ADD COLUMN turn_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN average_score REAL;

UPDATE sessions SET
    turn_count = (SELECT COUNT(*) FROM turns WHERE turns.session_id = sessions.id),
    average_score = (SELECT AVG(score) FROM turns WHERE turns.session_id = sessions.id);

CREATE TRIGGER session_statistics_after_insert AFTER INSERT ON turns
BEGIN
    UPDATE sessions SET
        turn_count = (SELECT COUNT(*) FROM turns WHERE session_id = NEW.session_id),
        average_score = (SELECT AVG(score) FROM turns WHERE session_id = NEW.session_id)
    WHERE id = NEW.session_id;
END;

CREATE TRIGGER session_statistics_after_update AFTER UPDATE OF score, session_id ON turns
BEGIN
    UPDATE sessions SET
        turn_count = (SELECT COUNT(*) FROM turns WHERE session_id = sessions.id),
        average_score = (SELECT AVG(score) FROM turns WHERE session_id = sessions.id)
    WHERE id IN (OLD.session_id, NEW.session_id);
END;

CREATE TRIGGER session_statistics_after_delete AFTER DELETE ON turns
BEGIN
    UPDATE sessions SET
        turn_count = (SELECT COUNT(*) FROM turns WHERE session_id = OLD.session_id),
        average_score = (SELECT AVG(score) FROM turns WHERE session_id = OLD.session_id)
    WHERE id = OLD.session_id;
END;
