-- One practice turn: saved as 'recorded' the moment its audio is on disk, then completed
-- with the transcript, figures and feedback, or marked 'failed' with the reason.
CREATE TABLE turns (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at           TEXT    NOT NULL,            -- RFC 3339, UTC
    question_id          TEXT    NOT NULL,
    question_json        TEXT    NOT NULL,            -- aira_protocol::PracticeQuestion
    source               TEXT    NOT NULL CHECK (source IN ('microphone', 'file')),
    audio_path           TEXT    NOT NULL,
    status               TEXT    NOT NULL CHECK (status IN ('recorded', 'coached', 'failed')),
    transcript           TEXT,
    words_json           TEXT,                        -- [aira_core::Word]
    metrics_json         TEXT,                        -- aira_protocol::Metrics
    feedback_json        TEXT,                        -- aira_protocol::Feedback
    score                INTEGER CHECK (score BETWEEN 1 AND 10),
    transcription_engine TEXT,
    error                TEXT
);

CREATE INDEX turns_by_created_at ON turns (created_at DESC, id DESC);
