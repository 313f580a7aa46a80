-- A reply's Slack messages are of two kinds: the message a Slack user wrote (never ours to change) and the copies
-- the bot posted (which follow every edit and delete of the reply). Before this column the kind was implied by the
-- reply's origin, which is wrong for copies of Slack replies in other threads and for bot copies of modal replies.
ALTER TABLE slack_message_copies ADD COLUMN posted_by_bot INTEGER NOT NULL DEFAULT 0;
-- The message a Slack user wrote became the reply in the same transaction, and the reply's createdAt is that
-- message's ts in milliseconds; every other recorded message of the reply is a copy the bot posted.
UPDATE slack_message_copies SET posted_by_bot = 1
WHERE EXISTS (SELECT 1 FROM posts p
              WHERE p.id = slack_message_copies.post_id
                AND (p.origin <> 'Slack'
                     OR p.created_at <> CAST(REPLACE(SUBSTR(slack_message_copies.ts, 1, LENGTH(slack_message_copies.ts) - 3), '.', '') AS BIGINT)));
-- The Slack edit last applied to the message (its edited.ts, in µs): an older edit delivered later changes nothing.
ALTER TABLE slack_message_copies ADD COLUMN last_edit_us BIGINT NULL;

-- Reactions on a codemark (its post) or a reply, by person and emoji. A row is kept when the reaction is removed
-- (present = 0) with the time of the change, so a delayed older add or remove changes nothing (changed_at in µs).
CREATE TABLE post_reactions (
    post_id     TEXT NOT NULL,
    emoji       TEXT NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (id),
    present     INTEGER NOT NULL,
    changed_at  BIGINT NOT NULL,
    PRIMARY KEY (post_id, emoji, user_id)
);
