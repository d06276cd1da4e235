-- Personal API tokens for the read API. Only a digest of each token is
-- kept: the token itself is shown once, when it is made. A token is 256
-- random bits, so SHA-256 of it cannot be reversed or guessed; no slow hash
-- or salt is needed as for passwords.
CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    -- hex(SHA-256(token)).
    token_hash TEXT NOT NULL UNIQUE,
    -- The token's last four characters, so people can tell theirs apart.
    last_four TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- Set once, when its person revokes it; from then on it is refused.
    revoked_at BIGINT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id, created_at);
