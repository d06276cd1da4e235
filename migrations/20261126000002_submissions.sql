-- Form submissions that changed a project, by the token the form carried:
-- the same form sent twice (a double click, a resend) records one change.
CREATE TABLE submissions (
    project_id TEXT NOT NULL REFERENCES projects (id),
    token TEXT NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (project_id, token)
);
