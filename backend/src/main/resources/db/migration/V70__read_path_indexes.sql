-- Indexes for the read paths at national scale (a million needs and allocations). Each names the
-- query it serves; measured with scripts/bench-api (docs/benchmarks.md).

-- The public board (公示): verified allocations, newest first. Without it every page sorts all
-- verified allocations; with it a page reads 20 index entries.
CREATE INDEX allocations_verified ON allocations (verified_at DESC, id DESC) WHERE status = 'verified';

-- A donor's browse with a category: the public needs of that category in the browse order.
CREATE INDEX needs_public_category ON needs (category, priority DESC, deadline ASC NULLS LAST, id)
    WHERE status IN ('published', 'partly_allocated', 'allocated', 'fulfilled', 'verified');

-- The review queue and its count: a status's needs with their villages, read from the index alone
-- while the reviewer's region filters them (the status is a bound parameter, so no partial index).
CREATE INDEX needs_status_village ON needs (status, village_id);

-- Campaign progress: a campaign's pledges.
CREATE INDEX pledges_campaign ON pledges (campaign_id, id);
