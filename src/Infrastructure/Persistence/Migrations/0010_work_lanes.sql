-- Lanes: user-facing work (shares, reply copies, modal replies) is claimed apart from bursts of Slack events, so it
-- never waits behind them. Every item is written four times (stored, claimed, checked, finished), so the indexes are
-- few: the claim reads (lane, state, next_attempt_at) in order; everything else (counts per state, the leases of
-- claimed items, lists for operators, retention) starts from (state, updated_at).
ALTER TABLE work_items ADD COLUMN lane TEXT NOT NULL DEFAULT 'Background';

-- Work queued before lanes existed: the outbox and deferred modal replies are what people wait for.
UPDATE work_items SET lane = 'UserFacing' WHERE kind IN ('slack-sync', 'slack-modal-reply');

DROP INDEX ix_work_items_due;
DROP INDEX ix_work_items_kind_state;
CREATE INDEX ix_work_items_due ON work_items (lane, state, next_attempt_at);
CREATE INDEX ix_work_items_state ON work_items (state, updated_at);
