-- Every OAuth state the callback consumed, by the hash of its browser nonce: the primary key makes each state
-- single-use, even when two hosts on one database receive the same callback. Rows past their state's expiry
-- can no longer be replayed anyway and are pruned.
CREATE TABLE slack_oauth_state_uses (
    nonce_hash  TEXT NOT NULL PRIMARY KEY,
    expires_at  BIGINT NOT NULL
);

CREATE INDEX ix_slack_oauth_state_uses_expires ON slack_oauth_state_uses (expires_at);
