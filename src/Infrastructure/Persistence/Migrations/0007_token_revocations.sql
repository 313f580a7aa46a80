-- Tokens Slack revoked are deleted; this remembers that they were, so the user is told "reconnect Slack" rather
-- than "connect Slack". Connecting again clears the row.
CREATE TABLE slack_token_revocations (
    user_id        TEXT NOT NULL REFERENCES users (id),
    slack_team_id  TEXT NOT NULL,
    revoked_at     BIGINT NOT NULL,
    PRIMARY KEY (user_id, slack_team_id)
);
