-- The campaign rules (V79) stated as joins instead of a lateral subquery per row, and a round's
-- refresh planned for its size.
--
-- A national round refreshes 400,000 allocations and 350,000 needs in one call (Ledger.proposeAll).
-- The views evaluated, for every allocation, a lateral UNION of its pledge's campaign and its
-- donor's enrolments with EXISTS look-ups of pairings and region pairings (a sort and three index
-- look-ups per allocation), and for every need a lateral UNION of its village's pairings and its
-- allocations' memberships: nested loops over every row whatever the plan. Now which campaigns a
-- row counts for is a view of its own, a UNION of plain joins (allocation_campaigns,
-- need_campaigns), and the rule views join it to the row's figures. The rules themselves are
-- unchanged, clause by clause:
--
--   * an allocation counts for its pledge's campaign; and for each campaign its donor is enrolled
--     in where the donor is paired with the need's village, or where the campaign follows a region
--     pairing kind that pairs the donor's home county with the need's county;
--   * a need counts for each campaign that pairs its village, and for each campaign one of its
--     allocations counts for (campaign_allocations).
--
-- A filter on allocation_id / need_id goes into every branch of the UNION, so a claim's or a
-- step's refresh still looks up its few rows by index (generic plans, as before). A round's refresh
-- calls progress_refresh_many, which plans each statement for the arrays it is given (custom
-- plans): the planner sees 400,000 ids and joins by hash instead of row by row. Both run the same
-- statements (progress_refresh_rows, V182's body unchanged).

CREATE VIEW allocation_campaigns AS
SELECT a.id AS allocation_id, p.campaign_id
  FROM allocations a
  JOIN pledges p ON p.id = a.pledge_id
 WHERE p.campaign_id IS NOT NULL
UNION
SELECT a.id, e.campaign_id
  FROM allocations a
  JOIN pledges p ON p.id = a.pledge_id
  JOIN needs n ON n.id = a.need_id
  JOIN campaign_enrolments e ON e.donor_id = p.donor_id
  JOIN campaign_pairings cp ON cp.campaign_id = e.campaign_id AND cp.donor_id = e.donor_id
                           AND cp.village_id = n.village_id
UNION
SELECT a.id, e.campaign_id
  FROM allocations a
  JOIN pledges p ON p.id = a.pledge_id
  JOIN donors d ON d.id = p.donor_id
  JOIN needs n ON n.id = a.need_id
  JOIN campaign_enrolments e ON e.donor_id = p.donor_id
  JOIN campaigns k ON k.id = e.campaign_id
  JOIN region_pairings rp ON rp.kind = k.region_pairing_kind AND rp.from_id = d.home_county
                         AND rp.to_id = region_county(n.village_id);

CREATE OR REPLACE VIEW campaign_allocation_rule AS
SELECT c.allocation_id,
       c.campaign_id,
       p.campaign_id IS NOT DISTINCT FROM c.campaign_id AS own,
       region_county(n.village_id)           AS county,
       n.category::text                      AS category,
       a.unit::text                          AS unit,
       coalesce(d.home_county, '')           AS home_county,
       CASE WHEN a.status = 'proposed' THEN a.quantity ELSE 0 END AS proposed,
       CASE WHEN a.status IN ('confirmed', 'delivered', 'received', 'verified') THEN a.quantity ELSE 0 END AS confirmed,
       CASE WHEN a.status IN ('delivered', 'received', 'verified') THEN a.quantity ELSE 0 END AS delivered,
       CASE WHEN a.status = 'verified' THEN a.quantity ELSE 0 END AS verified,
       CASE WHEN a.status IN ('confirmed', 'delivered', 'received', 'verified') AND a.confirmed_at IS NOT NULL
            THEN to_char(a.confirmed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') END AS confirmed_month,
       CASE WHEN a.status = 'verified' AND a.verified_at IS NOT NULL
            THEN to_char(a.verified_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') END AS verified_month
  FROM allocation_campaigns c
  JOIN allocations a ON a.id = c.allocation_id
  JOIN pledges p ON p.id = a.pledge_id
  JOIN donors d ON d.id = p.donor_id
  JOIN needs n ON n.id = a.need_id
 WHERE a.status IN ('proposed', 'confirmed', 'delivered', 'received', 'verified');

CREATE VIEW need_campaigns AS
SELECT n.id AS need_id, cp.campaign_id
  FROM needs n
  JOIN campaign_pairings cp ON cp.village_id = n.village_id
UNION
SELECT a.need_id, ca.campaign_id
  FROM allocations a
  JOIN campaign_allocations ca ON ca.allocation_id = a.id;

CREATE OR REPLACE VIEW campaign_need_rule AS
SELECT c.need_id,
       c.campaign_id,
       region_county(n.village_id) AS county,
       n.category::text            AS category,
       CASE n.status WHEN 'published' THEN 'open' WHEN 'partly_allocated' THEN 'partly' ELSE 'fully' END AS coverage
  FROM need_campaigns c
  JOIN needs n ON n.id = c.need_id
 WHERE n.status IN ('published', 'partly_allocated', 'allocated', 'fulfilled', 'verified');

-- V182's refresh, unchanged, under a name of its own: the two callers below choose how it plans.
CREATE FUNCTION progress_refresh_rows(allocation_ids bigint[], need_ids bigint[], pledge_ids bigint[]) RETURNS void
    LANGUAGE plpgsql AS
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

-- What the triggers call for a statement's rows (a claim, a step, a batch): plans kept from one call
-- to the next (index look-ups by id; planning again on every call cost ten times the work).
CREATE OR REPLACE FUNCTION progress_refresh(allocation_ids bigint[], need_ids bigint[], pledge_ids bigint[]) RETURNS void
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS
$$
BEGIN
    PERFORM progress_refresh_rows(allocation_ids, need_ids, pledge_ids);
END
$$;

-- What a round calls once for everything it wrote (hundreds of thousands of ids): each statement
-- planned for the arrays it is given, so the rules join by hash; the sorts of the summaries'
-- differences kept in memory.
CREATE FUNCTION progress_refresh_many(allocation_ids bigint[], need_ids bigint[], pledge_ids bigint[]) RETURNS void
    LANGUAGE plpgsql
    SET plan_cache_mode = force_custom_plan
    SET work_mem = '64MB' AS
$$
BEGIN
    PERFORM progress_refresh_rows(allocation_ids, need_ids, pledge_ids);
END
$$;

-- Recomputes everything from the ledger (bulk loads, rare rule changes): millions of ids, so the
-- refresh that plans for its size. Otherwise as in V79.
CREATE OR REPLACE FUNCTION progress_rebuild() RETURNS void
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS
$$
BEGIN
    DELETE FROM campaign_allocations;
    DELETE FROM campaign_needs;
    DELETE FROM campaign_pledges;
    DELETE FROM progress_places;
    DELETE FROM progress_origins;
    DELETE FROM progress_flows;
    DELETE FROM progress_months;
    DELETE FROM progress_needs;
    DELETE FROM progress_pledged;
    PERFORM progress_refresh_many(
            ARRAY(SELECT id FROM allocations
                   WHERE status IN ('proposed', 'confirmed', 'delivered', 'received', 'verified') ORDER BY id),
            ARRAY(SELECT id FROM needs
                   WHERE status IN ('published', 'partly_allocated', 'allocated', 'fulfilled', 'verified') ORDER BY id),
            ARRAY(SELECT id FROM pledges WHERE campaign_id IS NOT NULL ORDER BY id));
    PERFORM progress_count_ties(ARRAY(SELECT id FROM campaigns));
END
$$;
