-- The Teams edit last applied to a member's message (µs of its activity timestamp): an older edit arriving late, or
-- retried, changes nothing.
ALTER TABLE msteams_message_copies ADD COLUMN last_edit_us BIGINT NULL;
-- One bot copy of a reply per thread: of two sync items racing to post it, the second's record is refused and its
-- twin taken back.
CREATE UNIQUE INDEX ux_msteams_bot_copies ON msteams_message_copies (post_id, conversation_id) WHERE posted_by_bot = 1;
