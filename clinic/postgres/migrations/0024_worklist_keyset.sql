-- The worklists page in keyset order (queued_at, id) within a site and state; the index of 0001
-- ends at queued_at, so ties and the row comparison (queued_at, id) > (…) need the id too.
CREATE INDEX assessments_worklist_keyset ON assessments (site_id, state, queued_at, id);
DROP INDEX IF EXISTS assessments_worklist;
