-- Lanes: user-facing work (shares, reply copies, modal replies) is claimed apart from bursts of Slack events, so it
-- never waits behind them. The claim reads (lane, state, next_attempt_at) in order; the lease renewal and the
-- release of lapsed leases read (state, locked_until).
ALTER TABLE work_items ADD COLUMN lane TEXT NOT NULL DEFAULT 'Background';

-- Work queued before lanes existed: the outbox and deferred modal replies are what people wait for.
UPDATE work_items SET lane = 'UserFacing' WHERE kind IN ('slack-sync', 'slack-modal-reply');

DROP INDEX ix_work_items_due;
CREATE INDEX ix_work_items_due ON work_items (lane, state, next_attempt_at);
CREATE INDEX ix_work_items_leases ON work_items (state, locked_until);
-- Retention deletes finished items by age.
CREATE INDEX ix_work_items_finished ON work_items (state, updated_at);
