-- Two indexes of needs repeat others, and every new version of a need writes an entry in each: a
-- national round's one UPDATE of 346,263 needs (their counters and statuses; the status is
-- indexed, so no update is HOT) wrote eight entries per need.
--
-- needs_village (village_id, status) repeats the first column of needs_village_ids (village_id,
-- id): a village has a few dozen needs at most, so "this village's needs in these statuses" reads
-- them from needs_village_ids and checks the status on the rows (the certificates' village counts,
-- a secretary's drafts, the allocations and exports of a village: under a millisecond either way on
-- the national set, checked with EXPLAIN ANALYZE before and after).
-- needs_status (status) repeats the first column of needs_status_village (status, village_id).
DROP INDEX IF EXISTS needs_village;
DROP INDEX IF EXISTS needs_status;
