-- Sharing a codemark is idempotent: a replayed Idempotency-Key finds its share, and a reservation per
-- (codemark, workspace, channel) keeps two concurrent shares of the same codemark from both posting.
ALTER TABLE codemark_shares ADD COLUMN idempotency_key TEXT NULL;

CREATE UNIQUE INDEX ux_codemark_shares_idempotency ON codemark_shares (codemark_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX ix_codemark_shares_channel ON codemark_shares (codemark_id, slack_team_id, channel_id);

CREATE TABLE share_reservations (
    codemark_id    TEXT NOT NULL REFERENCES codemarks (id),
    slack_team_id  TEXT NOT NULL,
    channel_id     TEXT NOT NULL,
    reserved_at    BIGINT NOT NULL,
    PRIMARY KEY (codemark_id, slack_team_id, channel_id)
);
