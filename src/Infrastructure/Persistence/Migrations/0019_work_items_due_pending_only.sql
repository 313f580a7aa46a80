-- The claim's index holds only the items waiting for it. An item is written three more times after it is stored
-- (claimed, finished, pruned), and none of those versions is Pending: PostgreSQL then adds no entry for them to this
-- index, and SQLite removes the one entry at the claim. A retry makes the item Pending again and puts it back.
DROP INDEX ix_work_items_due;
CREATE INDEX ix_work_items_due ON work_items (lane, next_attempt_at) WHERE state = 'Pending';
