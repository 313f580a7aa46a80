-- A reply submitted from the Slack modal, keyed by workspace, view id and view hash: Slack may deliver the same
-- submission twice, and it must become one reply.
CREATE TABLE slack_modal_submissions (
    submission_key  TEXT PRIMARY KEY,
    post_id         TEXT NOT NULL REFERENCES posts (id),
    created_at      BIGINT NOT NULL
);
