-- Campaign progress (进展) kept current in the same transaction as the ledger, so the dashboard
-- reads a few thousand summary rows instead of aggregating a campaign's allocations (a third
-- of a million at national scale) on every request.
--
-- progress_allocated: per campaign (the pledge's), the need's county and category, the unit and
-- the donor's home county, the quantities at each cumulative stage of the active allocations:
-- allocated (proposed .. verified), confirmed (confirmed .. verified), delivered (delivered ..
-- verified), verified. progress_monthly: per campaign, month (UTC) and unit, what was allocated
-- (by the allocation's creation) and verified (by its verification) — active allocations only.
--
-- They are a pure function of allocations, pledges.campaign_id/donor_id, donors.home_county and
-- needs.village_id/category: statement triggers on allocations move the changed rows' deltas
-- (from the transition tables, one grouped upsert per statement, keys in a fixed order); a change
-- of one of those attributes where allocations exist rebuilds the campaigns concerned.
-- progress_rebuild() rebuilds everything (bulk loads that bypass triggers call it).

CREATE TABLE progress_allocated (
    campaign_id bigint NOT NULL,
    county      text   NOT NULL,
    category    text   NOT NULL,
    unit        text   NOT NULL,
    home_county text   NOT NULL DEFAULT '',
    allocated   bigint NOT NULL DEFAULT 0,
    confirmed   bigint NOT NULL DEFAULT 0,
    delivered   bigint NOT NULL DEFAULT 0,
    verified    bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, county, category, unit, home_county)
);

CREATE TABLE progress_monthly (
    campaign_id bigint NOT NULL,
    month       text   NOT NULL,
    unit        text   NOT NULL,
    allocated   bigint NOT NULL DEFAULT 0,
    verified    bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, month, unit)
);

-- What a set of allocation rows contributes, as the ledger's queries would count it.
CREATE FUNCTION progress_stage_amounts(status text, quantity bigint,
                                       OUT allocated bigint, OUT confirmed bigint, OUT delivered bigint,
                                       OUT verified bigint)
    LANGUAGE sql IMMUTABLE AS
$$
SELECT CASE WHEN status IN ('proposed','confirmed','delivered','received','verified') THEN quantity ELSE 0 END,
       CASE WHEN status IN ('confirmed','delivered','received','verified') THEN quantity ELSE 0 END,
       CASE WHEN status IN ('delivered','received','verified') THEN quantity ELSE 0 END,
       CASE WHEN status = 'verified' THEN quantity ELSE 0 END
$$;

-- Adds signed contributions of allocation rows (parallel arrays, one element per row).
CREATE FUNCTION progress_add(signs int[], need_ids bigint[], pledge_ids bigint[], units text[], quantities bigint[],
                             statuses text[], created timestamptz[], verified timestamptz[]) RETURNS void
    LANGUAGE sql AS
$$
WITH x AS (SELECT * FROM unnest(signs, need_ids, pledge_ids, units, quantities, statuses, created, verified)
                  AS u(sign, need_id, pledge_id, unit, quantity, status, created_at, verified_at)),
     byStage AS (
    INSERT INTO progress_allocated AS t (campaign_id, county, category, unit, home_county,
                                         allocated, confirmed, delivered, verified)
    SELECT p.campaign_id, region_county(n.village_id), n.category, x.unit, coalesce(d.home_county, ''),
           sum(x.sign * s.allocated), sum(x.sign * s.confirmed), sum(x.sign * s.delivered), sum(x.sign * s.verified)
      FROM x
      JOIN pledges p ON p.id = x.pledge_id AND p.campaign_id IS NOT NULL
      JOIN donors d ON d.id = p.donor_id
      JOIN needs n ON n.id = x.need_id
     CROSS JOIN LATERAL progress_stage_amounts(x.status, x.quantity) s
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(x.sign * s.allocated) <> 0 OR sum(x.sign * s.confirmed) <> 0
        OR sum(x.sign * s.delivered) <> 0 OR sum(x.sign * s.verified) <> 0
     ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (campaign_id, county, category, unit, home_county) DO UPDATE
       SET allocated = t.allocated + excluded.allocated, confirmed = t.confirmed + excluded.confirmed,
           delivered = t.delivered + excluded.delivered, verified = t.verified + excluded.verified)
INSERT INTO progress_monthly AS t (campaign_id, month, unit, allocated, verified)
SELECT campaign_id, month, unit, sum(allocated), sum(verified) FROM (
    SELECT p.campaign_id, to_char(x.created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, x.unit,
           x.sign * s.allocated AS allocated, 0::bigint AS verified
      FROM x JOIN pledges p ON p.id = x.pledge_id AND p.campaign_id IS NOT NULL
     CROSS JOIN LATERAL progress_stage_amounts(x.status, x.quantity) s
     WHERE s.allocated <> 0
    UNION ALL
    SELECT p.campaign_id, to_char(x.verified_at AT TIME ZONE 'UTC', 'YYYY-MM'), x.unit, 0, x.sign * x.quantity
      FROM x JOIN pledges p ON p.id = x.pledge_id AND p.campaign_id IS NOT NULL
     WHERE x.status = 'verified') m
 GROUP BY 1, 2, 3
HAVING sum(allocated) <> 0 OR sum(verified) <> 0
 ORDER BY 1, 2, 3
ON CONFLICT (campaign_id, month, unit) DO UPDATE
   SET allocated = t.allocated + excluded.allocated, verified = t.verified + excluded.verified
$$;

CREATE FUNCTION progress_allocations_inserted() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM progress_add(array_agg(1), array_agg(need_id), array_agg(pledge_id), array_agg(unit::text),
                         array_agg(quantity), array_agg(status), array_agg(created_at), array_agg(verified_at))
       FROM new_rows;
    RETURN NULL;
END
$$;

CREATE FUNCTION progress_allocations_updated() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM progress_add(array_agg(sign), array_agg(need_id), array_agg(pledge_id), array_agg(unit),
                         array_agg(quantity), array_agg(status), array_agg(created_at), array_agg(verified_at))
       FROM (SELECT -1 AS sign, need_id, pledge_id, unit::text AS unit, quantity, status, created_at, verified_at
               FROM old_rows
             UNION ALL
             SELECT 1, need_id, pledge_id, unit::text, quantity, status, created_at, verified_at FROM new_rows) x;
    RETURN NULL;
END
$$;

CREATE FUNCTION progress_allocations_deleted() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM progress_add(array_agg(-1), array_agg(need_id), array_agg(pledge_id), array_agg(unit::text),
                         array_agg(quantity), array_agg(status), array_agg(created_at), array_agg(verified_at))
       FROM old_rows;
    RETURN NULL;
END
$$;

CREATE TRIGGER progress_allocations_insert AFTER INSERT ON allocations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_allocations_inserted();
CREATE TRIGGER progress_allocations_update AFTER UPDATE ON allocations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION progress_allocations_updated();
CREATE TRIGGER progress_allocations_delete AFTER DELETE ON allocations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_allocations_deleted();

-- Recomputes the summaries of one campaign (NULL: of every campaign) from the ledger.
CREATE FUNCTION progress_rebuild(campaign bigint) RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM progress_allocated WHERE campaign IS NULL OR campaign_id = campaign;
    DELETE FROM progress_monthly WHERE campaign IS NULL OR campaign_id = campaign;
    INSERT INTO progress_allocated (campaign_id, county, category, unit, home_county,
                                    allocated, confirmed, delivered, verified)
    SELECT p.campaign_id, region_county(n.village_id), n.category, a.unit, coalesce(d.home_county, ''),
           sum(s.allocated), sum(s.confirmed), sum(s.delivered), sum(s.verified)
      FROM allocations a
      JOIN pledges p ON p.id = a.pledge_id AND p.campaign_id IS NOT NULL
      JOIN donors d ON d.id = p.donor_id
      JOIN needs n ON n.id = a.need_id
     CROSS JOIN LATERAL progress_stage_amounts(a.status, a.quantity) s
     WHERE (campaign IS NULL OR p.campaign_id = campaign)
       AND a.status IN ('proposed','confirmed','delivered','received','verified')
     GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO progress_monthly (campaign_id, month, unit, allocated, verified)
    SELECT campaign_id, month, unit, sum(allocated), sum(verified) FROM (
        SELECT p.campaign_id, to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, a.unit,
               a.quantity AS allocated, 0::bigint AS verified
          FROM allocations a JOIN pledges p ON p.id = a.pledge_id AND p.campaign_id IS NOT NULL
         WHERE (campaign IS NULL OR p.campaign_id = campaign)
           AND a.status IN ('proposed','confirmed','delivered','received','verified')
        UNION ALL
        SELECT p.campaign_id, to_char(a.verified_at AT TIME ZONE 'UTC', 'YYYY-MM'), a.unit, 0, a.quantity
          FROM allocations a JOIN pledges p ON p.id = a.pledge_id AND p.campaign_id IS NOT NULL
         WHERE (campaign IS NULL OR p.campaign_id = campaign) AND a.status = 'verified') m
     GROUP BY 1, 2, 3;
END
$$;

-- A pledge moved to another campaign or donor, a donor's home county, a need's village or
-- category: rare, and only matters where allocations exist; the campaigns concerned are rebuilt.
CREATE FUNCTION progress_pledge_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    c bigint;
BEGIN
    IF EXISTS (SELECT 1 FROM allocations a WHERE a.pledge_id = NEW.id) THEN
        FOR c IN SELECT DISTINCT x FROM unnest(ARRAY [OLD.campaign_id, NEW.campaign_id]) x WHERE x IS NOT NULL ORDER BY x
        LOOP
            PERFORM progress_rebuild(c);
        END LOOP;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION progress_donor_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    c bigint;
BEGIN
    FOR c IN SELECT DISTINCT p.campaign_id FROM pledges p
              WHERE p.donor_id = NEW.id AND p.campaign_id IS NOT NULL
                AND EXISTS (SELECT 1 FROM allocations a WHERE a.pledge_id = p.id) ORDER BY 1
    LOOP
        PERFORM progress_rebuild(c);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE FUNCTION progress_need_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    c bigint;
BEGIN
    FOR c IN SELECT DISTINCT p.campaign_id FROM allocations a JOIN pledges p ON p.id = a.pledge_id
              WHERE a.need_id = NEW.id AND p.campaign_id IS NOT NULL ORDER BY 1
    LOOP
        PERFORM progress_rebuild(c);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TRIGGER progress_pledge_changed AFTER UPDATE OF campaign_id, donor_id ON pledges
    FOR EACH ROW WHEN (OLD.campaign_id IS DISTINCT FROM NEW.campaign_id OR OLD.donor_id IS DISTINCT FROM NEW.donor_id)
    EXECUTE FUNCTION progress_pledge_changed();
CREATE TRIGGER progress_donor_changed AFTER UPDATE OF home_county ON donors
    FOR EACH ROW WHEN (OLD.home_county IS DISTINCT FROM NEW.home_county)
    EXECUTE FUNCTION progress_donor_changed();
CREATE TRIGGER progress_need_changed AFTER UPDATE OF village_id, category ON needs
    FOR EACH ROW WHEN (OLD.village_id IS DISTINCT FROM NEW.village_id OR OLD.category IS DISTINCT FROM NEW.category)
    EXECUTE FUNCTION progress_need_changed();

SELECT progress_rebuild(NULL);
