-- The workspace's URL (auth.test at install): permalinks of Slack replies are built from it instead of one
-- chat.getPermalink call per message. NULL for workspaces installed before; those still ask Slack.
ALTER TABLE slack_bot_installations ADD COLUMN workspace_url TEXT NULL;
