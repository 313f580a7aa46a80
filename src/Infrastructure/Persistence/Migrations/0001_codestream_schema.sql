-- The CodeStream side and its links to Slack. Portable SQL: runs unchanged on SQLite and PostgreSQL.
-- Times are Unix milliseconds (BIGINT); numbers are BIGINT so both databases return the same .NET type.

CREATE TABLE teams (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE users (
    id                TEXT PRIMARY KEY,
    team_id           TEXT NOT NULL REFERENCES teams (id),
    email             TEXT NULL,
    email_normalized  TEXT NULL,
    username          TEXT NOT NULL,
    full_name         TEXT NOT NULL,
    time_zone         TEXT NULL,
    external_user_id  TEXT NULL,
    created_at        BIGINT NOT NULL
);

CREATE INDEX ix_users_team ON users (team_id);
-- One registered user per e-mail in a team; one faux user per Slack user in a team.
CREATE UNIQUE INDEX ux_users_registered_email ON users (team_id, email_normalized) WHERE external_user_id IS NULL;
CREATE UNIQUE INDEX ux_users_external_id ON users (team_id, external_user_id) WHERE external_user_id IS NOT NULL;

CREATE TABLE codemarks (
    id          TEXT PRIMARY KEY,
    team_id     TEXT NOT NULL REFERENCES teams (id),
    post_id     TEXT NOT NULL UNIQUE,
    creator_id  TEXT NOT NULL REFERENCES users (id),
    type        TEXT NOT NULL,
    title       TEXT NULL,
    text        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    edited_at   BIGINT NULL,
    deleted_at  BIGINT NULL
);

CREATE TABLE markers (
    id               TEXT PRIMARY KEY,
    codemark_id      TEXT NOT NULL REFERENCES codemarks (id),
    ordinal          BIGINT NOT NULL,
    file             TEXT NOT NULL,
    repo             TEXT NULL,
    commit_hash      TEXT NULL,
    start_line       BIGINT NOT NULL,
    end_line         BIGINT NOT NULL,
    code             TEXT NOT NULL,
    remote_code_url  TEXT NULL
);

CREATE INDEX ix_markers_codemark ON markers (codemark_id, ordinal);

-- Replies: posts whose parent is a codemark's top-level post (codemarks.post_id).
CREATE TABLE posts (
    id              TEXT PRIMARY KEY,
    team_id         TEXT NOT NULL REFERENCES teams (id),
    codemark_id     TEXT NOT NULL REFERENCES codemarks (id),
    parent_post_id  TEXT NOT NULL,
    creator_id      TEXT NOT NULL REFERENCES users (id),
    text            TEXT NOT NULL,
    origin          TEXT NOT NULL,
    files_json      TEXT NULL,
    created_at      BIGINT NOT NULL,
    edited_at       BIGINT NULL,
    deleted_at      BIGINT NULL
);

CREATE INDEX ix_posts_codemark ON posts (codemark_id, created_at);
CREATE INDEX ix_posts_creator ON posts (creator_id);

CREATE TABLE post_mentions (
    post_id  TEXT NOT NULL REFERENCES posts (id),
    user_id  TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (post_id, user_id)
);

-- A codemark's root message in a Slack conversation; the share identifier is unique.
CREATE TABLE codemark_shares (
    share_id             TEXT PRIMARY KEY,
    codemark_id          TEXT NOT NULL REFERENCES codemarks (id),
    team_id              TEXT NOT NULL REFERENCES teams (id),
    slack_team_id        TEXT NOT NULL,
    slack_team_name      TEXT NULL,
    channel_id           TEXT NOT NULL,
    channel_name         TEXT NULL,
    ts                   TEXT NOT NULL,
    permalink            TEXT NULL,
    shared_at            BIGINT NOT NULL,
    shared_by_user_id    TEXT NOT NULL REFERENCES users (id),
    deleted_in_slack_at  BIGINT NULL
);

CREATE UNIQUE INDEX ux_codemark_shares_message ON codemark_shares (slack_team_id, channel_id, ts);
CREATE INDEX ix_codemark_shares_codemark ON codemark_shares (codemark_id);

-- A reply's message in a Slack thread (written in Slack, or posted by us): one reply per Slack message.
CREATE TABLE slack_message_copies (
    slack_team_id  TEXT NOT NULL,
    channel_id     TEXT NOT NULL,
    ts             TEXT NOT NULL,
    post_id        TEXT NOT NULL REFERENCES posts (id),
    thread_ts      TEXT NOT NULL,
    permalink      TEXT NULL,
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (slack_team_id, channel_id, ts)
);

CREATE INDEX ix_slack_message_copies_post ON slack_message_copies (post_id);

-- One CodeStream user per Slack user and team.
CREATE TABLE slack_identity_links (
    team_id        TEXT NOT NULL REFERENCES teams (id),
    slack_team_id  TEXT NOT NULL,
    slack_user_id  TEXT NOT NULL,
    user_id        TEXT NOT NULL REFERENCES users (id),
    linked_at      BIGINT NOT NULL,
    PRIMARY KEY (team_id, slack_team_id, slack_user_id)
);

CREATE INDEX ix_slack_identity_links_user ON slack_identity_links (user_id);
