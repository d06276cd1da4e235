-- Anonymous rounds. While a round runs, its ballots wait here, by person,
-- where no page, history or live stream reads them. The round's close
-- writes them into the trail under pseudonyms and deletes these rows in the
-- same transaction as its event.
CREATE TABLE open_rounds (
    round_id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id),
    -- Set when a facilitator closes the round: no ballot is taken after it.
    closing INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE round_ballots (
    round_id TEXT NOT NULL REFERENCES open_rounds (round_id),
    user_id TEXT NOT NULL,
    field_id TEXT NOT NULL,
    context_id TEXT NOT NULL,
    rating TEXT NOT NULL,
    profession TEXT,
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (round_id, user_id, field_id, context_id)
);
