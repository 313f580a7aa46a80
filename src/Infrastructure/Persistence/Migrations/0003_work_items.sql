-- Durable work: Slack events to ingest (the inbox) and CodeStream changes to mirror into Slack (the outbox).
-- (kind, dedupe_key) is unique: a redelivered event or a second enqueue of the same change stores nothing.
CREATE TABLE work_items (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL,
    dedupe_key       TEXT NOT NULL,
    payload          TEXT NOT NULL,
    state            TEXT NOT NULL,
    attempts         BIGINT NOT NULL,
    next_attempt_at  BIGINT NOT NULL,
    locked_by        TEXT NULL,
    locked_until     BIGINT NULL,
    result           TEXT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);

CREATE UNIQUE INDEX ux_work_items_dedupe ON work_items (kind, dedupe_key);
CREATE INDEX ix_work_items_due ON work_items (state, next_attempt_at);
CREATE INDEX ix_work_items_kind_state ON work_items (kind, state);
