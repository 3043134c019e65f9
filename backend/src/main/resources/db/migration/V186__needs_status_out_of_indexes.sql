-- A match round moves the counter and status of every need it proposes for (346,263 needs in one
-- UPDATE on the national set). The status was a column of needs_status_village and the predicate
-- of needs_public_category, so no such update could be HOT: each wrote a new version of the need
-- plus an entry in each of its six indexes, most of the UPDATE's time (EXPLAIN ANALYZE on a
-- national copy: about 30 s with the indexes, 7 s with only the primary key).
--
-- While a need is listed (published, partly allocated, allocated, fulfilled, verified) a round or
-- a claim changes its status only among those five; nothing reads an index for which of the five it
-- is. So the indexes now name the status only while the need is not listed (a draft, submitted,
-- rejected, expired or withdrawn need: the review queue, a village's drafts), through a stored
-- column that stays NULL while the need is listed: an update that leaves the need listed changes no
-- indexed value, and with room left on its page (fillfactor 70) it is a HOT update, with no index
-- entry written at all.
ALTER TABLE needs
    SET (fillfactor = 70),
    ADD COLUMN unlisted_status text GENERATED ALWAYS AS (
        CASE WHEN status IN ('published', 'partly_allocated', 'allocated', 'fulfilled', 'verified')
             THEN NULL ELSE status END) STORED;

COMMENT ON COLUMN needs.unlisted_status IS
    'The status while the need is not listed (draft, submitted, rejected, expired, withdrawn); NULL '
    'while it is. Indexes name it instead of status, so moving a listed need''s status is HOT.';

-- The review queue and a village's drafts: a status's needs in a range of village codes (byte
-- order, NeedRepository.inRegion), for the statuses that are not listed; and, as NULL, the listed
-- needs of a range (a county's public count), read from the index alone as before.
DROP INDEX needs_status_village;
CREATE INDEX needs_unlisted_village ON needs (unlisted_status, (village_id COLLATE "C"));

-- The public pages of a category: the listed needs (NeedRepository.visibility says
-- "unlisted_status IS NULL", which this predicate matches).
DROP INDEX needs_public_category;
CREATE INDEX needs_public_category ON needs (category, priority DESC, deadline ASC NULLS LAST, id)
    WHERE unlisted_status IS NULL;

-- the planner's figures for the new column (without them it takes "IS NULL" for a rare case)
ANALYZE needs;
