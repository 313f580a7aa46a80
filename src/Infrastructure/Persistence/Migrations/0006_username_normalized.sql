-- @mentions look users up by username ignoring case. SQLite's LOWER() folds ASCII only, so the folded name is
-- computed in .NET (as for e-mails) and stored; rows from before this migration get the database's folding.
ALTER TABLE users ADD COLUMN username_normalized TEXT NULL;
UPDATE users SET username_normalized = LOWER(username);
CREATE INDEX ix_users_team_username ON users (team_id, username_normalized);
