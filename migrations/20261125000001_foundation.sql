-- Accounts, projects, memberships and invites.
-- Portable SQL: one file serves SQLite and PostgreSQL. Ids are UUID text,
-- times are milliseconds since 1970 as BIGINT, enums are text.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE projects (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    purpose TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);

CREATE TABLE memberships (
    project_id TEXT NOT NULL REFERENCES projects (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL CHECK (role IN ('lead', 'facilitator', 'participant', 'observer')),
    profession TEXT NOT NULL,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);

CREATE TABLE invites (
    code TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id),
    role TEXT NOT NULL CHECK (role IN ('lead', 'facilitator', 'participant', 'observer')),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX invites_by_project ON invites (project_id);

-- Failed sign-ins per account ("account:<email>") and per address
-- ("address:<ip>"), counted over a sliding window.
CREATE TABLE sign_in_failures (
    throttle_key TEXT NOT NULL,
    failed_at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_by_key ON sign_in_failures (throttle_key, failed_at);
