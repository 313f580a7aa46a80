-- Microsoft Teams: the teams the bot was added to, the codemarks shared as cards into their channels, and the Teams
-- messages of replies (written by a member, or posted by the bot).
CREATE TABLE msteams_installations (
    teams_team_id  TEXT PRIMARY KEY,
    name           TEXT NULL,
    tenant_id      TEXT NOT NULL,
    service_url    TEXT NOT NULL,
    team_id        TEXT NULL REFERENCES teams (id),
    installed_at   BIGINT NOT NULL,
    removed_at     BIGINT NULL
);

-- The thread a share started: one share per thread, and one live share per (codemark, channel).
CREATE TABLE msteams_shares (
    conversation_id    TEXT PRIMARY KEY,
    codemark_id        TEXT NOT NULL REFERENCES codemarks (id),
    team_id            TEXT NOT NULL REFERENCES teams (id),
    teams_team_id      TEXT NOT NULL,
    teams_team_name    TEXT NULL,
    channel_id         TEXT NOT NULL,
    root_activity_id   TEXT NOT NULL,
    service_url        TEXT NOT NULL,
    shared_at          BIGINT NOT NULL,
    shared_by_user_id  TEXT NOT NULL REFERENCES users (id),
    deleted_at         BIGINT NULL
);

CREATE INDEX ix_msteams_shares_codemark ON msteams_shares (codemark_id);
CREATE UNIQUE INDEX ux_msteams_shares_live ON msteams_shares (codemark_id, channel_id) WHERE deleted_at IS NULL;

CREATE TABLE msteams_message_copies (
    conversation_id  TEXT NOT NULL,
    activity_id      TEXT NOT NULL,
    post_id          TEXT NOT NULL REFERENCES posts (id),
    posted_by_bot    INTEGER NOT NULL,
    created_at       BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, activity_id)
);

CREATE INDEX ix_msteams_message_copies_post ON msteams_message_copies (post_id);
