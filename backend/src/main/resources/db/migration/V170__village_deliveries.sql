-- The villages' reliability list (GET /reliability/villages) pages the villages by how many
-- deliveries they received, most first, then by code. Its other figures move with the clock (a
-- receipt becomes due, a delivery late), but that order does not: it moves only when an
-- allocation starts or stops counting as delivered, or a need moves to another village. So the
-- count is kept here, per village, in the same transaction as every such change, and indexed in
-- the list's order: a page reads its twenty villages from the index and computes the clock's
-- figures for those alone, instead of aggregating every delivery in the country per request (12 to
-- 23 s at national size). A kept answer in the node (db.KeptAnswers) would not do: the clock moves
-- it without any notice, and every delivery would drop it for seconds of recomputation.
--
-- One row per village (every region of level 'village', plus any region a need names); a bulk load
-- that bypasses triggers (or sets bangfu.progress_paused = 'on', as the national loader does)
-- calls village_deliveries_rebuild() afterwards.
CREATE TABLE village_deliveries (
    village_id text   PRIMARY KEY REFERENCES regions (id) ON DELETE CASCADE,
    delivered  bigint NOT NULL
);
CREATE INDEX village_deliveries_page ON village_deliveries (delivered DESC, village_id);

-- What the list counts as delivered, stated once for the rebuild and the triggers.
CREATE FUNCTION allocation_counts_delivered(delivered_at timestamptz, status text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT delivered_at IS NOT NULL AND status NOT IN ('declined', 'expired') $$;

CREATE FUNCTION village_deliveries_rebuild() RETURNS void
    LANGUAGE sql AS
$$
DELETE FROM village_deliveries;
INSERT INTO village_deliveries (village_id, delivered)
SELECT v.id, coalesce(c.delivered, 0)
  FROM regions v
  LEFT JOIN (SELECT n.village_id, count(*) AS delivered
               FROM allocations al JOIN needs n ON n.id = al.need_id
              WHERE allocation_counts_delivered(al.delivered_at, al.status)
              GROUP BY n.village_id) c ON c.village_id = v.id
 WHERE v.level = 'village' OR c.village_id IS NOT NULL;
$$;

-- Adds, per need, how many deliveries started (+) or stopped (-) counting, to the need's village.
-- Rows are written in the order of their code, so two transactions never wait for each other's
-- rows crosswise.
CREATE FUNCTION village_deliveries_add(need_ids bigint[], deltas bigint[]) RETURNS void
    LANGUAGE sql AS
$$
INSERT INTO village_deliveries AS s (village_id, delivered)
SELECT n.village_id, sum(c.delta)
  FROM unnest(need_ids, deltas) c(need_id, delta) JOIN needs n ON n.id = c.need_id
 GROUP BY n.village_id
HAVING sum(c.delta) <> 0
 ORDER BY n.village_id
    ON CONFLICT (village_id) DO UPDATE SET delivered = s.delivered + excluded.delivered;
$$;

-- The triggers look only at rows with a delivery: a claim or a match round inserts allocations
-- not yet delivered, and its statement's trigger then scans its new rows once and writes nothing.
-- An update compares old and new (id, need) of the counted rows with EXCEPT, never a join of the
-- two transition tables (PostgreSQL has no statistics on them: see V161).
CREATE FUNCTION village_deliveries_inserted() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    ids bigint[];
BEGIN
    IF progress_paused() THEN
        RETURN NULL;
    END IF;
    SELECT array_agg(need_id) INTO ids FROM new_rows WHERE allocation_counts_delivered(delivered_at, status);
    IF ids IS NOT NULL THEN
        PERFORM village_deliveries_add(ids, array_fill(1::bigint, ARRAY [cardinality(ids)]));
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION village_deliveries_deleted() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    ids bigint[];
BEGIN
    IF progress_paused() THEN
        RETURN NULL;
    END IF;
    SELECT array_agg(need_id) INTO ids FROM old_rows WHERE allocation_counts_delivered(delivered_at, status);
    IF ids IS NOT NULL THEN
        PERFORM village_deliveries_add(ids, array_fill(-1::bigint, ARRAY [cardinality(ids)]));
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION village_deliveries_updated() RETURNS trigger
    LANGUAGE plpgsql
    SET plan_cache_mode = force_custom_plan AS
$$
DECLARE
    ids    bigint[];
    deltas bigint[];
BEGIN
    IF progress_paused() THEN
        RETURN NULL;
    END IF;
    WITH o AS (SELECT id, need_id FROM old_rows WHERE allocation_counts_delivered(delivered_at, status)),
         n AS (SELECT id, need_id FROM new_rows WHERE allocation_counts_delivered(delivered_at, status)),
         c AS ((SELECT need_id, -1::bigint AS delta FROM (SELECT * FROM o EXCEPT SELECT * FROM n) stopped)
               UNION ALL
               (SELECT need_id, 1::bigint FROM (SELECT * FROM n EXCEPT SELECT * FROM o) started))
    SELECT array_agg(need_id), array_agg(delta) INTO ids, deltas FROM c;
    IF ids IS NOT NULL THEN
        PERFORM village_deliveries_add(ids, deltas);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION village_deliveries_truncated() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE village_deliveries SET delivered = 0 WHERE delivered <> 0;
    RETURN NULL;
END
$$;

CREATE TRIGGER village_deliveries_insert AFTER INSERT ON allocations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION village_deliveries_inserted();
CREATE TRIGGER village_deliveries_update AFTER UPDATE ON allocations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION village_deliveries_updated();
CREATE TRIGGER village_deliveries_delete AFTER DELETE ON allocations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION village_deliveries_deleted();
CREATE TRIGGER village_deliveries_truncate AFTER TRUNCATE ON allocations
    FOR EACH STATEMENT EXECUTE FUNCTION village_deliveries_truncated();

-- A need moved to another village takes its deliveries along. Row triggers, because PostgreSQL
-- gives no transition tables to a trigger on named columns: only an UPDATE that sets village_id
-- fires them, and the WHEN clause, checked without calling the function, lets every other
-- update of needs (a match round's counters) pass.
CREATE FUNCTION village_deliveries_need_moved() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    delivered bigint;
BEGIN
    IF progress_paused() THEN
        RETURN NULL;
    END IF;
    SELECT count(*) INTO delivered FROM allocations al
     WHERE al.need_id = NEW.id AND allocation_counts_delivered(al.delivered_at, al.status);
    IF delivered > 0 THEN
        INSERT INTO village_deliveries AS s (village_id, delivered)
        SELECT v, d FROM (VALUES (OLD.village_id, -delivered), (NEW.village_id, delivered)) c(v, d) ORDER BY v
            ON CONFLICT (village_id) DO UPDATE SET delivered = s.delivered + excluded.delivered;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER village_deliveries_need_moved AFTER UPDATE OF village_id ON needs
    FOR EACH ROW WHEN (OLD.village_id IS DISTINCT FROM NEW.village_id)
    EXECUTE FUNCTION village_deliveries_need_moved();

-- A new village (or a region that becomes one) gets its row, so the list shows it, with 0 when
-- nothing was delivered to it.
CREATE FUNCTION village_deliveries_regions_added() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF progress_paused() THEN
        RETURN NULL;
    END IF;
    INSERT INTO village_deliveries (village_id, delivered)
    SELECT r.id, 0 FROM new_rows r WHERE r.level = 'village' ORDER BY r.id
        ON CONFLICT (village_id) DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER village_deliveries_regions_insert AFTER INSERT ON regions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION village_deliveries_regions_added();

CREATE FUNCTION village_deliveries_region_became_village() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO village_deliveries (village_id, delivered)
    SELECT NEW.id, count(*) FROM needs n JOIN allocations al ON al.need_id = n.id
     WHERE n.village_id = NEW.id AND allocation_counts_delivered(al.delivered_at, al.status)
        ON CONFLICT (village_id) DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER village_deliveries_region_level AFTER UPDATE OF level ON regions
    FOR EACH ROW WHEN (NEW.level = 'village' AND OLD.level IS DISTINCT FROM NEW.level)
    EXECUTE FUNCTION village_deliveries_region_became_village();

SELECT village_deliveries_rebuild();
ANALYZE village_deliveries;
