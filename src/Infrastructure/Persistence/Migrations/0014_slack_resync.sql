-- A resync reads the threads of recently active shares again (conversations.replies) and feeds what it finds through
-- the same handling as events: a run, its threads with their progress (so a restart continues where it stopped).
CREATE TABLE slack_resync_runs (
    id              TEXT PRIMARY KEY,
    trigger_name    TEXT NOT NULL,
    slack_team_id   TEXT NULL,
    since           BIGINT NULL,
    state           TEXT NOT NULL,
    threads_total   INTEGER NOT NULL,
    threads_done    INTEGER NOT NULL,
    replies_added   INTEGER NOT NULL,
    edits_applied   INTEGER NOT NULL,
    errors          INTEGER NOT NULL,
    created_at      BIGINT NOT NULL,
    finished_at     BIGINT NULL
);

CREATE TABLE slack_resync_threads (
    run_id          TEXT NOT NULL REFERENCES slack_resync_runs (id),
    position        INTEGER NOT NULL,
    team_id         TEXT NOT NULL,
    slack_team_id   TEXT NOT NULL,
    channel_id      TEXT NOT NULL,
    thread_ts       TEXT NOT NULL,
    oldest          TEXT NULL,
    next_cursor     TEXT NULL,
    done            INTEGER NOT NULL,
    PRIMARY KEY (run_id, position)
);

-- Each host says it is alive every few seconds; at start-up, a gap since the last sign of life (this table or the
-- newest stored event) longer than slack:resync:gap starts a resync.
CREATE TABLE host_heartbeats (
    host_id   TEXT PRIMARY KEY,
    beat_at   BIGINT NOT NULL
);
