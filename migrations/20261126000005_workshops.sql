-- Live workshops. A running workshop's join code: written with the
-- workshop's start event and deleted with its end, in the same
-- transactions, so a code works exactly while its workshop runs.
CREATE TABLE workshop_codes (
    code TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id),
    workshop_id TEXT NOT NULL UNIQUE
);

-- A guest account, made by joining a workshop with its code, is bound to
-- that project until the person adds an email and a password.
ALTER TABLE users ADD COLUMN guest_of TEXT REFERENCES projects (id);
