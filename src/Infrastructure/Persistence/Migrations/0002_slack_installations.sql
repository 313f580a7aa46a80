-- Slack tokens. Token columns hold Data Protection ciphertext ("dp1:…"), never a token in clear.

-- The app's bot per CodeStream team and Slack workspace.
CREATE TABLE slack_bot_installations (
    team_id          TEXT NOT NULL REFERENCES teams (id),
    slack_team_id    TEXT NOT NULL,
    slack_team_name  TEXT NULL,
    bot_user_id      TEXT NOT NULL,
    app_id           TEXT NULL,
    bot_token        TEXT NOT NULL,
    scopes           TEXT NOT NULL,
    installed_at     BIGINT NOT NULL,
    PRIMARY KEY (team_id, slack_team_id)
);

CREATE INDEX ix_slack_bot_installations_workspace ON slack_bot_installations (slack_team_id);

-- A user's own token per Slack workspace (rotation: refresh token and expiry).
CREATE TABLE slack_user_installations (
    user_id        TEXT NOT NULL REFERENCES users (id),
    team_id        TEXT NOT NULL REFERENCES teams (id),
    slack_team_id  TEXT NOT NULL,
    slack_user_id  TEXT NOT NULL,
    access_token   TEXT NOT NULL,
    scopes         TEXT NOT NULL,
    refresh_token  TEXT NULL,
    expires_at     BIGINT NULL,
    installed_at   BIGINT NOT NULL,
    PRIMARY KEY (user_id, slack_team_id)
);

CREATE INDEX ix_slack_user_installations_slack_user ON slack_user_installations (slack_team_id, slack_user_id);
