-- A share's reservation names its intent: the id carried in the card's Slack metadata. When the request that held it
-- died between posting the card and recording the share, the next request finds the card by that id instead of
-- posting a second one.
ALTER TABLE share_reservations ADD COLUMN intent TEXT NULL;
