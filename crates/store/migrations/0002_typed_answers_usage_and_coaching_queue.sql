-- Typed answers (no audio), the coach's usage and cost per turn, the session a turn belongs
-- to, and the queue of turns coached offline that wait for the cloud coach.
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt, rows kept.
CREATE TABLE turns_new (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at           TEXT    NOT NULL,            -- RFC 3339, UTC
    question_id          TEXT    NOT NULL,
    question_json        TEXT    NOT NULL,            -- aira_protocol::PracticeQuestion
    source               TEXT    NOT NULL CHECK (source IN ('microphone', 'file', 'typed')),
    audio_path           TEXT    NOT NULL,            -- '' for a typed answer
    status               TEXT    NOT NULL CHECK (status IN ('recorded', 'coached', 'failed')),
    transcript           TEXT,
    words_json           TEXT,                        -- [aira_core::Word]
    metrics_json         TEXT,                        -- aira_protocol::Metrics
    feedback_json        TEXT,                        -- aira_protocol::Feedback
    score                INTEGER CHECK (score BETWEEN 1 AND 10),
    transcription_engine TEXT,
    error                TEXT,
    session_id           TEXT,                        -- one per run of the app or CLI
    coach_engine         TEXT,                        -- 'local' or 'bedrock'
    input_tokens         INTEGER NOT NULL DEFAULT 0,
    output_tokens        INTEGER NOT NULL DEFAULT 0,
    cost_usd             REAL    NOT NULL DEFAULT 0
);

INSERT INTO turns_new (id, created_at, question_id, question_json, source, audio_path, status,
                       transcript, words_json, metrics_json, feedback_json, score,
                       transcription_engine, error)
SELECT id, created_at, question_id, question_json, source, audio_path, status,
       transcript, words_json, metrics_json, feedback_json, score, transcription_engine, error
FROM turns;

DROP TABLE turns;
ALTER TABLE turns_new RENAME TO turns;
CREATE INDEX turns_by_created_at ON turns (created_at DESC, id DESC);
CREATE INDEX turns_by_session ON turns (session_id);

-- A turn coached offline although the cloud coach was wanted; coached again by the cloud
-- (when the user agreed) once it answers. Deleting the turn drops it from the queue.
CREATE TABLE coaching_queue (
    turn_id   INTEGER PRIMARY KEY REFERENCES turns (id) ON DELETE CASCADE,
    queued_at TEXT    NOT NULL,
    reason    TEXT    NOT NULL,
    attempts  INTEGER NOT NULL DEFAULT 0
);
