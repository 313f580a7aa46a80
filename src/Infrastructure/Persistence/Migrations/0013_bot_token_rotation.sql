-- With token rotation, the bot's token expires (12 hours): keep its refresh token (encrypted) and its expiry.
-- NULL for long-lived tokens, which never need a refresh.
ALTER TABLE slack_bot_installations ADD COLUMN refresh_token TEXT NULL;
ALTER TABLE slack_bot_installations ADD COLUMN expires_at BIGINT NULL;
-- Set when Slack refused the refresh (invalid_refresh_token): the workspace must be connected again; never retried.
ALTER TABLE slack_bot_installations ADD COLUMN reconnect_reason TEXT NULL;
