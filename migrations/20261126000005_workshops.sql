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

-- Dot votes. While a vote is open, each person's dots wait here (one row
-- per person, the dots per item in the vote's order), where no page,
-- history or live stream reads them. The reveal writes the totals into the
-- trail and deletes these rows in the same transaction as its event.
CREATE TABLE open_dot_votes (
    vote_id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id),
    -- Set when a facilitator reveals the vote: no dots are taken after it.
    closing INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE dot_ballots (
    vote_id TEXT NOT NULL REFERENCES open_dot_votes (vote_id),
    user_id TEXT NOT NULL,
    -- Comma-separated dots per item, e.g. `2,0,1`.
    dots TEXT NOT NULL,
    PRIMARY KEY (vote_id, user_id)
);
