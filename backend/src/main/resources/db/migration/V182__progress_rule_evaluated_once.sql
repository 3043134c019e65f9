-- The campaign progress summaries' refresh (V79) computes each rule once per call instead of twice:
-- it used to evaluate the allocations' rule (and then the needs') for the summaries' differences and
-- again for the membership rows it writes, and at a national round's size (400,000 allocations,
-- 350,000 needs in one call) each second evaluation cost 4-5 s. Now the rule's rows are kept for the
-- statement and both the differences and the membership rows are taken from them. What the
-- function writes is unchanged: the old membership rows deleted and the new ones inserted (the
-- board's totals hear the same INSERT and DELETE), the summaries moved by the same differences, in
-- the same key order. Everything else is as in V79.

CREATE OR REPLACE FUNCTION progress_refresh(allocation_ids bigint[], need_ids bigint[], pledge_ids bigint[]) RETURNS void
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS
$$
BEGIN
    IF coalesce(cardinality(allocation_ids), 0) + coalesce(cardinality(need_ids), 0)
           + coalesce(cardinality(pledge_ids), 0) = 0 THEN
        RETURN;
    END IF;
    -- writers of the ledger refresh side by side (their own row locks order them); a change of
    -- the campaign ties waits for them and they for it (progress_ties_lock)
    PERFORM pg_advisory_xact_lock_shared(4242071);
    IF cardinality(allocation_ids) > 0 THEN
        WITH old AS MATERIALIZED (
                SELECT * FROM campaign_allocations WHERE allocation_id = ANY (allocation_ids)),
             new AS MATERIALIZED (
                SELECT * FROM campaign_allocation_rule WHERE allocation_id = ANY (allocation_ids)),
             d AS MATERIALIZED (
                SELECT -1 AS sign, o.* FROM old o
                UNION ALL
                SELECT 1, n.* FROM new n),
             -- the membership rows become the rule's: the old ones deleted, then the new ones written
             -- from the rule's rows computed above (the INSERT reads the DELETE's count first, so every
             -- old row is gone before a new one with the same key goes in)
             gone AS (
                DELETE FROM campaign_allocations WHERE allocation_id = ANY (allocation_ids) RETURNING 1),
             made AS (
                INSERT INTO campaign_allocations
                SELECT n.* FROM new n WHERE (SELECT count(*) FROM gone) >= 0),
             places AS (
                INSERT INTO progress_places AS t (campaign_id, county, category, unit, n, proposed, confirmed, delivered, verified)
                SELECT campaign_id, county, category, unit, sum(sign), sum(sign * proposed), sum(sign * confirmed),
                       sum(sign * delivered), sum(sign * verified)
                  FROM d GROUP BY 1, 2, 3, 4
                HAVING sum(sign) <> 0 OR sum(sign * proposed) <> 0 OR sum(sign * confirmed) <> 0
                    OR sum(sign * delivered) <> 0 OR sum(sign * verified) <> 0
                 ORDER BY 1, 2, 3, 4
                ON CONFLICT (campaign_id, county, category, unit) DO UPDATE
                   SET n = t.n + excluded.n, proposed = t.proposed + excluded.proposed,
                       confirmed = t.confirmed + excluded.confirmed, delivered = t.delivered + excluded.delivered,
                       verified = t.verified + excluded.verified),
             origins AS (
                INSERT INTO progress_origins AS t (campaign_id, home_county, category, unit, own, n, proposed, confirmed,
                                                   delivered, verified)
                SELECT campaign_id, home_county, category, unit, own, sum(sign), sum(sign * proposed),
                       sum(sign * confirmed), sum(sign * delivered), sum(sign * verified)
                  FROM d GROUP BY 1, 2, 3, 4, 5
                HAVING sum(sign) <> 0 OR sum(sign * proposed) <> 0 OR sum(sign * confirmed) <> 0
                    OR sum(sign * delivered) <> 0 OR sum(sign * verified) <> 0
                 ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT (campaign_id, home_county, category, unit, own) DO UPDATE
                   SET n = t.n + excluded.n, proposed = t.proposed + excluded.proposed,
                       confirmed = t.confirmed + excluded.confirmed, delivered = t.delivered + excluded.delivered,
                       verified = t.verified + excluded.verified),
             flows AS (
                INSERT INTO progress_flows AS t (campaign_id, home_county, county, unit, n, proposed, confirmed,
                                                 delivered, verified)
                SELECT campaign_id, home_county, county, unit, sum(sign), sum(sign * proposed), sum(sign * confirmed),
                       sum(sign * delivered), sum(sign * verified)
                  FROM d WHERE home_county <> '' GROUP BY 1, 2, 3, 4
                HAVING sum(sign) <> 0 OR sum(sign * proposed) <> 0 OR sum(sign * confirmed) <> 0
                    OR sum(sign * delivered) <> 0 OR sum(sign * verified) <> 0
                 ORDER BY 1, 2, 3, 4
                ON CONFLICT (campaign_id, home_county, county, unit) DO UPDATE
                   SET n = t.n + excluded.n, proposed = t.proposed + excluded.proposed,
                       confirmed = t.confirmed + excluded.confirmed, delivered = t.delivered + excluded.delivered,
                       verified = t.verified + excluded.verified)
        INSERT INTO progress_months AS t (campaign_id, month, unit, confirmed, verified)
        SELECT campaign_id, month, unit, sum(confirmed), sum(verified)
          FROM (SELECT campaign_id, confirmed_month AS month, unit, sign * confirmed AS confirmed, 0 AS verified
                  FROM d WHERE confirmed_month IS NOT NULL
                UNION ALL
                SELECT campaign_id, verified_month, unit, 0, sign * verified FROM d WHERE verified_month IS NOT NULL) m
         GROUP BY 1, 2, 3
        HAVING sum(confirmed) <> 0 OR sum(verified) <> 0
         ORDER BY 1, 2, 3
        ON CONFLICT (campaign_id, month, unit) DO UPDATE
           SET confirmed = t.confirmed + excluded.confirmed, verified = t.verified + excluded.verified;
    END IF;

    IF cardinality(need_ids) > 0 THEN
        -- after the allocations' statement: the rule reads the campaign_allocations it wrote
        WITH old AS MATERIALIZED (
                SELECT * FROM campaign_needs WHERE need_id = ANY (need_ids)),
             new AS MATERIALIZED (
                SELECT * FROM campaign_need_rule WHERE need_id = ANY (need_ids)),
             d AS (
                SELECT -1 AS sign, o.* FROM old o
                UNION ALL
                SELECT 1, n.* FROM new n),
             gone AS (
                DELETE FROM campaign_needs WHERE need_id = ANY (need_ids) RETURNING 1),
             made AS (
                INSERT INTO campaign_needs
                SELECT n.* FROM new n WHERE (SELECT count(*) FROM gone) >= 0)
        INSERT INTO progress_needs AS t (campaign_id, county, category, open, partly, fully)
        SELECT campaign_id, county, category, coalesce(sum(sign) FILTER (WHERE coverage = 'open'), 0),
               coalesce(sum(sign) FILTER (WHERE coverage = 'partly'), 0),
               coalesce(sum(sign) FILTER (WHERE coverage = 'fully'), 0)
          FROM d GROUP BY 1, 2, 3
        HAVING sum(sign) FILTER (WHERE coverage = 'open') <> 0 OR sum(sign) FILTER (WHERE coverage = 'partly') <> 0
            OR sum(sign) FILTER (WHERE coverage = 'fully') <> 0
         ORDER BY 1, 2, 3
        ON CONFLICT (campaign_id, county, category) DO UPDATE
           SET open = t.open + excluded.open, partly = t.partly + excluded.partly, fully = t.fully + excluded.fully;
    END IF;

    IF cardinality(pledge_ids) > 0 THEN
        WITH d AS (
                SELECT -1 AS sign, o.* FROM campaign_pledges o WHERE o.pledge_id = ANY (pledge_ids)
                UNION ALL
                SELECT 1, r.* FROM campaign_pledge_rule r WHERE r.pledge_id = ANY (pledge_ids))
        INSERT INTO progress_pledged AS t (campaign_id, home_county, unit, categories, n, pledged)
        SELECT campaign_id, home_county, unit, categories, sum(sign), sum(sign * pledged)
          FROM d GROUP BY 1, 2, 3, 4
        HAVING sum(sign) <> 0 OR sum(sign * pledged) <> 0
         ORDER BY 1, 2, 3, 4
        ON CONFLICT (campaign_id, home_county, unit, categories) DO UPDATE
           SET n = t.n + excluded.n, pledged = t.pledged + excluded.pledged;

        DELETE FROM campaign_pledges WHERE pledge_id = ANY (pledge_ids);
        INSERT INTO campaign_pledges SELECT * FROM campaign_pledge_rule WHERE pledge_id = ANY (pledge_ids);
    END IF;
END
$$;
