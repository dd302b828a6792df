-- People who share a device each have a profile; practice happens in sessions (one run of
-- the app or CLI until now), each of a profile. Turns already carry their session's id.
CREATE TABLE profiles (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL                     -- RFC 3339, UTC
);

INSERT INTO profiles (id, name, created_at)
VALUES (1, 'default', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

CREATE TABLE sessions (
    id         TEXT    PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    mode       TEXT    NOT NULL DEFAULT 'practice' CHECK (mode IN ('practice', 'interview')),
    role       TEXT,
    kind       TEXT,                                 -- technical, behavioral, hr
    level      TEXT,
    language   TEXT    NOT NULL DEFAULT 'en',
    started_at TEXT    NOT NULL,                     -- RFC 3339, UTC
    ended_at   TEXT,
    status     TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'finished', 'abandoned'))
);

-- Turns saved before sessions existed (schema 1) belong to one session of their own.
UPDATE turns SET session_id = 'before-sessions' WHERE session_id IS NULL;

-- Every session the turns name, spanning its turns; none is running any more.
INSERT INTO sessions (id, profile_id, started_at, ended_at, status)
SELECT session_id, 1, MIN(created_at), MAX(created_at), 'finished'
FROM turns
GROUP BY session_id;

CREATE INDEX sessions_by_started_at ON sessions (profile_id, started_at DESC, id DESC);
DROP INDEX turns_by_session;
CREATE INDEX turns_by_session ON turns (session_id, created_at, id);
