-- The decision trail: one append-only, hash-chained log per project.
-- The application never updates or deletes a row of `events`.

CREATE TABLE events (
    project_id TEXT NOT NULL REFERENCES projects (id),
    seq BIGINT NOT NULL,
    id TEXT NOT NULL UNIQUE,
    actor_id TEXT NOT NULL REFERENCES users (id),
    at_ms BIGINT NOT NULL,
    workshop_id TEXT,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    payload_sha256 TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (project_id, seq)
);
CREATE INDEX events_by_time ON events (project_id, at_ms);

-- The head of each log. Appending moves it from (seq, hash) to the new
-- ones only if it is still where the writer read it, so two processes can
-- never both append event n.
CREATE TABLE project_heads (
    project_id TEXT PRIMARY KEY REFERENCES projects (id),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);

-- The folded state every so many events, so that rebuilding any past
-- moment replays a few hundred events at most.
CREATE TABLE snapshots (
    project_id TEXT NOT NULL REFERENCES projects (id),
    seq BIGINT NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (project_id, seq)
);

INSERT INTO project_heads (project_id, seq, hash)
SELECT id, 0, '0000000000000000000000000000000000000000000000000000000000000000' FROM projects;
