-- When the share's channel name was last set (µs of the channel_rename's event_ts): a late or redelivered older
-- rename changes nothing. NULL for names recorded at share time, which any rename replaces.
ALTER TABLE codemark_shares ADD COLUMN channel_name_at BIGINT NULL;
