-- Campaign progress (进展) from summaries kept in the same transaction as every change that moves
-- them, so GET /campaigns/{id}/progress reads a few small indexed tables instead of aggregating
-- the ledger (seconds for the allocations, about a minute for the need counts at national size).
-- docs/progress.md explains the design.
--
-- Two views state the campaign rules once (which campaigns an active allocation counts for; which
-- campaigns a public need counts for). Three membership tables hold what the summaries were last
-- computed from: one row per (active allocation, campaign), per (public need, campaign), per
-- campaign pledge. Whenever something may change a row's membership or attributes, progress_refresh
-- takes the affected ids, subtracts their stored rows from the summaries, adds what the views say
-- now, and replaces the stored rows. Statement-level triggers with transition tables call it for
-- allocations, needs, pledges, donors, enrolments and pairings; a change of a campaign's region
-- pairing kind or of the region pairings rebuilds everything (progress_rebuild). A bulk load that
-- bypasses triggers (or sets bangfu.progress_paused = 'on') calls progress_rebuild() afterwards.

-- What the summaries hold, row by row ------------------------------------------------------------

-- An active allocation (proposed .. verified) counted for a campaign, with what the figures read.
CREATE TABLE campaign_allocations (
    allocation_id   bigint  NOT NULL,
    campaign_id     bigint  NOT NULL,
    own             boolean NOT NULL, -- its pledge names the campaign
    county          text    NOT NULL, -- the need's county
    category        text    NOT NULL,
    unit            text    NOT NULL,
    home_county     text    NOT NULL, -- the donor's home county, '' for none
    proposed        bigint  NOT NULL,
    confirmed       bigint  NOT NULL, -- confirmed or later
    delivered       bigint  NOT NULL, -- delivered or later
    verified        bigint  NOT NULL,
    confirmed_month text,             -- Asia/Shanghai month of confirmation, when confirmed or later
    verified_month  text,             -- month of verification, when verified
    PRIMARY KEY (allocation_id, campaign_id)
);

-- A need in a public status counted for a campaign (its village paired in it, or one of the
-- campaign's allocations on it), with its coverage: open (published), partly, fully.
CREATE TABLE campaign_needs (
    need_id     bigint NOT NULL,
    campaign_id bigint NOT NULL,
    county      text   NOT NULL,
    category    text   NOT NULL,
    coverage    text   NOT NULL CHECK (coverage IN ('open', 'partly', 'fully')),
    PRIMARY KEY (need_id, campaign_id)
);

-- A pledge naming a campaign, with what it counts as pledged (a withdrawn or expired pledge for
-- what it gave).
CREATE TABLE campaign_pledges (
    pledge_id   bigint PRIMARY KEY,
    campaign_id bigint NOT NULL,
    home_county text   NOT NULL,
    unit        text   NOT NULL,
    categories  text[] NOT NULL,
    pledged     bigint NOT NULL
);

-- The summaries; n counts the rows behind a summary row (a row at n = 0 is read as absent) -------

CREATE TABLE progress_places (
    campaign_id bigint NOT NULL,
    county      text   NOT NULL,
    category    text   NOT NULL,
    unit        text   NOT NULL,
    n           bigint NOT NULL,
    proposed    bigint NOT NULL,
    confirmed   bigint NOT NULL,
    delivered   bigint NOT NULL,
    verified    bigint NOT NULL,
    PRIMARY KEY (campaign_id, county, category, unit)
);

CREATE TABLE progress_origins (
    campaign_id bigint  NOT NULL,
    home_county text    NOT NULL,
    category    text    NOT NULL,
    unit        text    NOT NULL,
    own         boolean NOT NULL,
    n           bigint  NOT NULL,
    proposed    bigint  NOT NULL,
    confirmed   bigint  NOT NULL,
    delivered   bigint  NOT NULL,
    verified    bigint  NOT NULL,
    PRIMARY KEY (campaign_id, home_county, category, unit, own)
);

-- From a donor's home county to the need's county (donors with a home county only).
CREATE TABLE progress_flows (
    campaign_id bigint NOT NULL,
    home_county text   NOT NULL,
    county      text   NOT NULL,
    unit        text   NOT NULL,
    n           bigint NOT NULL,
    proposed    bigint NOT NULL,
    confirmed   bigint NOT NULL,
    delivered   bigint NOT NULL,
    verified    bigint NOT NULL,
    PRIMARY KEY (campaign_id, home_county, county, unit)
);

CREATE TABLE progress_months (
    campaign_id bigint NOT NULL,
    month       text   NOT NULL,
    unit        text   NOT NULL,
    confirmed   bigint NOT NULL,
    verified    bigint NOT NULL,
    PRIMARY KEY (campaign_id, month, unit)
);

CREATE TABLE progress_needs (
    campaign_id bigint NOT NULL,
    county      text   NOT NULL,
    category    text   NOT NULL,
    open        bigint NOT NULL,
    partly      bigint NOT NULL,
    fully       bigint NOT NULL,
    PRIMARY KEY (campaign_id, county, category)
);

CREATE TABLE progress_pledged (
    campaign_id bigint NOT NULL,
    home_county text   NOT NULL,
    unit        text   NOT NULL,
    categories  text[] NOT NULL,
    n           bigint NOT NULL,
    pledged     bigint NOT NULL,
    PRIMARY KEY (campaign_id, home_county, unit, categories)
);

-- Donors enrolled in a campaign; donors and villages paired in it, by the village's county.
CREATE TABLE progress_enrolled (
    campaign_id bigint PRIMARY KEY,
    donors      bigint NOT NULL
);

CREATE TABLE progress_paired (
    campaign_id bigint NOT NULL,
    county      text   NOT NULL,
    donors      bigint NOT NULL,
    villages    bigint NOT NULL,
    PRIMARY KEY (campaign_id, county)
);

-- The rules, once -------------------------------------------------------------------------------

-- An allocation counts for a campaign when its pledge names the campaign, or when its donor is
-- enrolled in the campaign and the need lies where the campaign ties the donor: a village the
-- donor is paired with in it, or, for a campaign following a region pairing (山海协作), the county
-- paired with the donor's home county. Active allocations only.
CREATE VIEW campaign_allocation_rule AS
SELECT a.id                                  AS allocation_id,
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
  FROM allocations a
  JOIN pledges p ON p.id = a.pledge_id
  JOIN donors d ON d.id = p.donor_id
  JOIN needs n ON n.id = a.need_id
 CROSS JOIN LATERAL (
       SELECT p.campaign_id AS campaign_id WHERE p.campaign_id IS NOT NULL
       UNION
       SELECT e.campaign_id
         FROM campaign_enrolments e
        WHERE e.donor_id = p.donor_id
          AND (EXISTS (SELECT 1 FROM campaign_pairings cp
                        WHERE cp.campaign_id = e.campaign_id AND cp.donor_id = e.donor_id
                          AND cp.village_id = n.village_id)
               OR EXISTS (SELECT 1 FROM campaigns k JOIN region_pairings rp ON rp.kind = k.region_pairing_kind
                           WHERE k.id = e.campaign_id AND rp.from_id = d.home_county
                             AND rp.to_id = region_county(n.village_id)))) c
 WHERE a.status IN ('proposed', 'confirmed', 'delivered', 'received', 'verified');

-- A need in a public status counts for a campaign when its village is paired in the campaign or
-- when one of the campaign's allocations is on it (read from campaign_allocations, kept first).
CREATE VIEW campaign_need_rule AS
SELECT n.id                        AS need_id,
       c.campaign_id,
       region_county(n.village_id) AS county,
       n.category::text            AS category,
       CASE n.status WHEN 'published' THEN 'open' WHEN 'partly_allocated' THEN 'partly' ELSE 'fully' END AS coverage
  FROM needs n
 CROSS JOIN LATERAL (
       SELECT cp.campaign_id FROM campaign_pairings cp WHERE cp.village_id = n.village_id
       UNION
       SELECT ca.campaign_id FROM allocations a JOIN campaign_allocations ca ON ca.allocation_id = a.id
        WHERE a.need_id = n.id) c
 WHERE n.status IN ('published', 'partly_allocated', 'allocated', 'fulfilled', 'verified');

CREATE VIEW campaign_pledge_rule AS
SELECT p.id AS pledge_id, p.campaign_id, coalesce(d.home_county, '') AS home_county, p.unit::text AS unit,
       p.categories, CASE WHEN p.status IN ('withdrawn', 'expired') THEN p.allocated ELSE p.quantity END AS pledged
  FROM pledges p JOIN donors d ON d.id = p.donor_id
 WHERE p.campaign_id IS NOT NULL;

-- Keeping them ---------------------------------------------------------------------------------
--
-- The functions below run for every write of the ledger, usually for one or a few ids: they use
-- generic plans (plan_cache_mode) so that a call costs the execution of a few index lookups, not
-- the planning of every statement again (ten times as much).

-- A change of the ties between donors and campaigns (enrolments, pairings, a donor's home county,
-- a pledge's campaign or donor, the region pairing rules) decides which allocations and needs it
-- refreshes from rows that concurrent ledger writers may be adding: it waits for them to commit
-- (they hold the shared lock of progress_refresh) and holds them back until it commits.
CREATE FUNCTION progress_ties_lock() RETURNS void
    LANGUAGE sql AS
$$ SELECT pg_advisory_xact_lock(4242071) $$;

-- Brings the membership rows of these allocations, needs and pledges, and the summaries, to what
-- the rules say now. Summary rows are upserted in key order, so concurrent writers lock them in
-- one order.
CREATE FUNCTION progress_refresh(allocation_ids bigint[], need_ids bigint[], pledge_ids bigint[]) RETURNS void
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
        WITH d AS MATERIALIZED (
                SELECT -1 AS sign, o.* FROM campaign_allocations o WHERE o.allocation_id = ANY (allocation_ids)
                UNION ALL
                SELECT 1, r.* FROM campaign_allocation_rule r WHERE r.allocation_id = ANY (allocation_ids)),
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

        DELETE FROM campaign_allocations WHERE allocation_id = ANY (allocation_ids);
        INSERT INTO campaign_allocations
        SELECT * FROM campaign_allocation_rule WHERE allocation_id = ANY (allocation_ids);
    END IF;

    IF cardinality(need_ids) > 0 THEN
        WITH d AS (
                SELECT -1 AS sign, o.* FROM campaign_needs o WHERE o.need_id = ANY (need_ids)
                UNION ALL
                SELECT 1, r.* FROM campaign_need_rule r WHERE r.need_id = ANY (need_ids))
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

        DELETE FROM campaign_needs WHERE need_id = ANY (need_ids);
        INSERT INTO campaign_needs SELECT * FROM campaign_need_rule WHERE need_id = ANY (need_ids);
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

-- Counts the enrolments and pairings of these campaigns afresh (enrolling and pairing are rare
-- and serialised by progress_ties_lock).
CREATE FUNCTION progress_count_ties(campaign_ids bigint[]) RETURNS void
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS
$$
BEGIN
    DELETE FROM progress_enrolled WHERE campaign_id = ANY (campaign_ids);
    INSERT INTO progress_enrolled (campaign_id, donors)
    SELECT campaign_id, count(*) FROM campaign_enrolments WHERE campaign_id = ANY (campaign_ids) GROUP BY 1;
    DELETE FROM progress_paired WHERE campaign_id = ANY (campaign_ids);
    INSERT INTO progress_paired (campaign_id, county, donors, villages)
    SELECT campaign_id, region_county(village_id), count(DISTINCT donor_id), count(DISTINCT village_id)
      FROM campaign_pairings WHERE campaign_id = ANY (campaign_ids) GROUP BY 1, 2;
END
$$;

-- Recomputes everything from the ledger (the migration's backfill, bulk loads, rare rule changes).
CREATE FUNCTION progress_rebuild() RETURNS void
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
    PERFORM progress_refresh(
            ARRAY(SELECT id FROM allocations
                   WHERE status IN ('proposed', 'confirmed', 'delivered', 'received', 'verified') ORDER BY id),
            ARRAY(SELECT id FROM needs
                   WHERE status IN ('published', 'partly_allocated', 'allocated', 'fulfilled', 'verified') ORDER BY id),
            ARRAY(SELECT id FROM pledges WHERE campaign_id IS NOT NULL ORDER BY id));
    PERFORM progress_count_ties(ARRAY(SELECT id FROM campaigns));
END
$$;

CREATE FUNCTION progress_paused() RETURNS boolean
    LANGUAGE sql STABLE AS
$$ SELECT coalesce(current_setting('bangfu.progress_paused', true), '') = 'on' $$;

-- The triggers ---------------------------------------------------------------------------------

-- The trigger functions below join a statement's transition tables, whose sizes PostgreSQL only
-- knows when it plans for this very statement: a plan kept from a one-row claim would join a
-- national round's 300,000 old and new rows pair by pair. So they plan each time (custom plans);
-- progress_refresh keeps its plans (index lookups by id, whatever the number).
-- The trigger functions below find the rows a statement changed by comparing its old and new rows
-- with EXCEPT, never by joining them: PostgreSQL has no statistics on transition tables, and a join
-- of a national round's 264,000 old and new needs ran as a nested loop, pair by pair, for minutes.
-- They plan each time (custom plans); progress_refresh keeps its plans (index lookups by id).
CREATE FUNCTION progress_allocations_changed() RETURNS trigger
    LANGUAGE plpgsql
    SET plan_cache_mode = force_custom_plan AS
$$
DECLARE
    ids  bigint[];
    nids bigint[];
BEGIN
    IF progress_paused() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(id ORDER BY id), array_agg(DISTINCT need_id) INTO ids, nids
          FROM new_rows WHERE status IN ('proposed', 'confirmed', 'delivered', 'received', 'verified');
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(id ORDER BY id), array_agg(DISTINCT need_id) INTO ids, nids FROM old_rows;
    ELSE
        -- old and new rows compared with EXCEPT, never joined (see above)
        WITH o AS (SELECT id, need_id, pledge_id, status, quantity, unit::text AS unit, confirmed_at, verified_at,
                          status IN ('proposed', 'confirmed', 'delivered', 'received', 'verified') AS active
                     FROM old_rows),
             n AS (SELECT id, need_id, pledge_id, status, quantity, unit::text AS unit, confirmed_at, verified_at,
                          status IN ('proposed', 'confirmed', 'delivered', 'received', 'verified') AS active
                     FROM new_rows),
             changed AS ((SELECT * FROM o EXCEPT SELECT * FROM n) UNION (SELECT * FROM n EXCEPT SELECT * FROM o)),
             -- the needs whose allocations started or stopped counting, or moved: old and new need
             moved AS ((SELECT id, need_id, pledge_id, active FROM o EXCEPT SELECT id, need_id, pledge_id, active FROM n)
                       UNION ALL
                       (SELECT id, need_id, pledge_id, active FROM n EXCEPT SELECT id, need_id, pledge_id, active FROM o))
        SELECT (SELECT array_agg(DISTINCT id ORDER BY id) FROM changed),
               (SELECT array_agg(DISTINCT need_id) FROM moved)
          INTO ids, nids;
    END IF;
    PERFORM progress_refresh(ids, nids, NULL);
    RETURN NULL;
END
$$;

CREATE TRIGGER progress_allocations_insert AFTER INSERT ON allocations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_allocations_changed();
CREATE TRIGGER progress_allocations_update AFTER UPDATE ON allocations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION progress_allocations_changed();
CREATE TRIGGER progress_allocations_delete AFTER DELETE ON allocations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_allocations_changed();

CREATE FUNCTION progress_needs_changed() RETURNS trigger
    LANGUAGE plpgsql
    SET plan_cache_mode = force_custom_plan AS
$$
DECLARE
    nids bigint[];
    ids  bigint[];
BEGIN
    IF progress_paused() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(id ORDER BY id) INTO nids FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(id ORDER BY id) INTO nids FROM old_rows;
    ELSE
        -- old and new rows compared with EXCEPT, never joined (see above)
        SELECT array_agg(id ORDER BY id) INTO nids
          FROM (SELECT id, status, village_id, category::text FROM old_rows
                EXCEPT SELECT id, status, village_id, category::text FROM new_rows) c;
        -- a need moved to another village or category moves its allocations' figures too
        SELECT array_agg(a.id ORDER BY a.id) INTO ids
          FROM allocations a
         WHERE a.need_id = ANY (ARRAY(SELECT id FROM (SELECT id, village_id, category::text FROM old_rows
                                                      EXCEPT SELECT id, village_id, category::text FROM new_rows) m));
    END IF;
    PERFORM progress_refresh(ids, nids, NULL);
    RETURN NULL;
END
$$;

CREATE TRIGGER progress_needs_insert AFTER INSERT ON needs
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_needs_changed();
CREATE TRIGGER progress_needs_update AFTER UPDATE ON needs
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION progress_needs_changed();
CREATE TRIGGER progress_needs_delete AFTER DELETE ON needs
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_needs_changed();

-- The allocations of these donors' pledges, and their needs, refreshed.
CREATE FUNCTION progress_refresh_donors(donor_ids bigint[]) RETURNS void
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS
$$
DECLARE
    ids  bigint[];
    nids bigint[];
BEGIN
    SELECT array_agg(a.id ORDER BY a.id), array_agg(DISTINCT a.need_id) INTO ids, nids
      FROM pledges p JOIN allocations a ON a.pledge_id = p.id
     WHERE p.donor_id = ANY (donor_ids);
    PERFORM progress_refresh(ids, nids, NULL);
END
$$;

CREATE FUNCTION progress_pledges_changed() RETURNS trigger
    LANGUAGE plpgsql
    SET plan_cache_mode = force_custom_plan AS
$$
DECLARE
    pids  bigint[];
    ids   bigint[];
    nids  bigint[];
    moved bigint[];
BEGIN
    IF progress_paused() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(id ORDER BY id) INTO pids FROM new_rows WHERE campaign_id IS NOT NULL;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(id ORDER BY id) INTO pids FROM old_rows WHERE campaign_id IS NOT NULL;
    ELSE
        -- old and new rows compared with EXCEPT, never joined (see above)
        WITH o AS (SELECT id, campaign_id, donor_id, unit::text AS unit, categories, status, quantity,
                          CASE WHEN status IN ('withdrawn', 'expired') THEN allocated END AS given
                     FROM old_rows),
             n AS (SELECT id, campaign_id, donor_id, unit::text AS unit, categories, status, quantity,
                          CASE WHEN status IN ('withdrawn', 'expired') THEN allocated END AS given
                     FROM new_rows)
        SELECT array_agg(DISTINCT id ORDER BY id) INTO pids
          FROM ((SELECT * FROM o EXCEPT SELECT * FROM n) UNION ALL (SELECT * FROM n EXCEPT SELECT * FROM o)) c
         WHERE campaign_id IS NOT NULL;
        -- a pledge moved to another campaign or donor moves its allocations' figures
        SELECT array_agg(id) INTO moved
          FROM (SELECT id, campaign_id, donor_id FROM old_rows EXCEPT SELECT id, campaign_id, donor_id FROM new_rows) m;
        IF moved IS NOT NULL THEN
            PERFORM progress_ties_lock();
            SELECT array_agg(a.id ORDER BY a.id), array_agg(DISTINCT a.need_id) INTO ids, nids
              FROM allocations a WHERE a.pledge_id = ANY (moved);
        END IF;
    END IF;
    PERFORM progress_refresh(ids, nids, pids);
    RETURN NULL;
END
$$;

CREATE TRIGGER progress_pledges_insert AFTER INSERT ON pledges
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_pledges_changed();
CREATE TRIGGER progress_pledges_update AFTER UPDATE ON pledges
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION progress_pledges_changed();
CREATE TRIGGER progress_pledges_delete AFTER DELETE ON pledges
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_pledges_changed();

-- A donor's home county: the origin of its pledges and allocations, and its region pairing ties.
CREATE FUNCTION progress_donors_changed() RETURNS trigger
    LANGUAGE plpgsql
    SET plan_cache_mode = force_custom_plan AS
$$
DECLARE
    dids bigint[];
    pids bigint[];
BEGIN
    IF progress_paused() THEN
        RETURN NULL;
    END IF;
    -- old and new rows compared with EXCEPT, never joined (see above)
    SELECT array_agg(id ORDER BY id) INTO dids
      FROM (SELECT id, home_county FROM old_rows EXCEPT SELECT id, home_county FROM new_rows) m;
    IF dids IS NOT NULL THEN
        PERFORM progress_ties_lock();
        SELECT array_agg(id ORDER BY id) INTO pids FROM pledges WHERE donor_id = ANY (dids) AND campaign_id IS NOT NULL;
        PERFORM progress_refresh(NULL, NULL, pids);
        PERFORM progress_refresh_donors(dids);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER progress_donors_update AFTER UPDATE ON donors
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION progress_donors_changed();

CREATE FUNCTION progress_enrolments_changed() RETURNS trigger
    LANGUAGE plpgsql
    SET plan_cache_mode = force_custom_plan AS
$$
DECLARE
    dids bigint[];
    cids bigint[];
BEGIN
    IF progress_paused() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT donor_id), array_agg(DISTINCT campaign_id) INTO dids, cids FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT donor_id), array_agg(DISTINCT campaign_id) INTO dids, cids FROM old_rows;
    ELSE
        SELECT array_agg(DISTINCT d), array_agg(DISTINCT c) INTO dids, cids
          FROM (SELECT donor_id, campaign_id FROM old_rows UNION ALL SELECT donor_id, campaign_id FROM new_rows) u(d, c);
    END IF;
    IF dids IS NOT NULL THEN
        PERFORM progress_ties_lock();
        PERFORM progress_refresh_donors(dids);
        PERFORM progress_count_ties(cids);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER progress_enrolments_insert AFTER INSERT ON campaign_enrolments
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_enrolments_changed();
CREATE TRIGGER progress_enrolments_update AFTER UPDATE ON campaign_enrolments
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION progress_enrolments_changed();
CREATE TRIGGER progress_enrolments_delete AFTER DELETE ON campaign_enrolments
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_enrolments_changed();

-- An approved pairing (or its removal): the donor's allocations in that village, and the
-- village's needs.
CREATE FUNCTION progress_pairings_changed() RETURNS trigger
    LANGUAGE plpgsql
    SET plan_cache_mode = force_custom_plan AS
$$
DECLARE
    ds   bigint[];
    vs   text[];
    cs   bigint[];
    ids  bigint[];
    nids bigint[];
BEGIN
    IF progress_paused() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(donor_id), array_agg(village_id), array_agg(DISTINCT campaign_id) INTO ds, vs, cs
          FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(donor_id), array_agg(village_id), array_agg(DISTINCT campaign_id) INTO ds, vs, cs
          FROM old_rows;
    ELSE
        SELECT array_agg(donor_id), array_agg(village_id), array_agg(DISTINCT campaign_id) INTO ds, vs, cs
          FROM (SELECT campaign_id, donor_id, village_id FROM old_rows
                UNION ALL SELECT campaign_id, donor_id, village_id FROM new_rows) u;
    END IF;
    IF ds IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM progress_ties_lock();
    SELECT array_agg(DISTINCT a.id) INTO ids
      FROM unnest(ds, vs) c(donor_id, village_id)
      JOIN pledges p ON p.donor_id = c.donor_id
      JOIN allocations a ON a.pledge_id = p.id
      JOIN needs n ON n.id = a.need_id AND n.village_id = c.village_id;
    SELECT array_agg(DISTINCT n.id) INTO nids FROM needs n WHERE n.village_id = ANY (vs);
    PERFORM progress_refresh(ids, nids, NULL);
    PERFORM progress_count_ties(cs);
    RETURN NULL;
END
$$;

CREATE TRIGGER progress_pairings_insert AFTER INSERT ON campaign_pairings
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_pairings_changed();
CREATE TRIGGER progress_pairings_update AFTER UPDATE ON campaign_pairings
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION progress_pairings_changed();
CREATE TRIGGER progress_pairings_delete AFTER DELETE ON campaign_pairings
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_pairings_changed();

-- The region pairings, or the kind of region pairing a campaign follows: rare, everything rebuilt.
CREATE FUNCTION progress_rules_changed() RETURNS trigger
    LANGUAGE plpgsql
    SET plan_cache_mode = force_custom_plan AS
$$
BEGIN
    IF NOT progress_paused() THEN
        PERFORM progress_ties_lock();
        PERFORM progress_rebuild();
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER progress_region_pairings_changed AFTER INSERT OR UPDATE OR DELETE ON region_pairings
    FOR EACH STATEMENT EXECUTE FUNCTION progress_rules_changed();
CREATE TRIGGER progress_campaign_pairing_kind AFTER UPDATE OF region_pairing_kind ON campaigns
    FOR EACH ROW WHEN (OLD.region_pairing_kind IS DISTINCT FROM NEW.region_pairing_kind)
    EXECUTE FUNCTION progress_rules_changed();

SELECT progress_rebuild();

-- Each node keeps the answers of GET /campaigns/{id}/progress (progress.ProgressAnswers) and
-- drops them when it hears this notice, sent when a change of the summaries (or of a campaign's
-- name, or of the county pairings) commits.
CREATE FUNCTION progress_changed_notice() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('bangfu_progress', '');
    RETURN NULL;
END
$$;
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['progress_places', 'progress_origins', 'progress_flows', 'progress_months',
                             'progress_needs', 'progress_pledged', 'progress_enrolled', 'progress_paired',
                             'campaigns', 'region_pairings', 'campaign_pairings', 'campaign_enrolments']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION progress_changed_notice()',
                       t || '_progress_notice', t);
    END LOOP;
END
$$;
