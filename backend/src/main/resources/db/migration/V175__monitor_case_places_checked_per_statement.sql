-- A case's places (its county, its village, its household) are checked once per statement instead
-- of by three foreign keys per row. A department's file opens up to 50,000 cases in one INSERT, and
-- each row's three checks (a query each, locking the region's or the household's row) cost more
-- than writing the case itself. The guarantee stays the same, in two halves:
--
-- * Writing a case: after each INSERT, every county, village and household the new rows name must
--   exist, checked in one set-based query over the statement's rows; an UPDATE that changes one of
--   them is checked row by row (rare: the triage names the village). At READ COMMITTED the check
--   sees everything committed before it (a fresh snapshot), and the other half below makes a
--   concurrent removal wait for this transaction or this one wait for it. At a stricter isolation
--   the snapshot may be older, so there the named rows are also locked as a foreign key locks them
--   (FOR KEY SHARE), which fails on a row removed since.
-- * Removing a place: deleting a region or a household, or changing its id, first waits for every
--   transaction writing cases to end and keeps new ones out (SHARE on monitor_cases) and is refused
--   (foreign_key_violation) while a case names it — only at READ COMMITTED, where the check after
--   the lock sees those transactions' cases. TRUNCATE of either table is refused while cases exist.
--   Nothing in the product removes regions or households; the rare removal pays, not every case.
--
-- The errors name the constraints the foreign keys had, so whoever reads them sees the same.

ALTER TABLE monitor_cases
    DROP CONSTRAINT monitor_cases_county_id_fkey,
    DROP CONSTRAINT monitor_cases_village_id_fkey,
    DROP CONSTRAINT monitor_cases_household_id_fkey;

CREATE FUNCTION monitor_case_places_missing(county text[], village text[], household bigint[])
    RETURNS text
    LANGUAGE plpgsql AS
$$
DECLARE
    missing text;
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        PERFORM 1 FROM regions r
          WHERE r.id IN (SELECT unnest(county) UNION SELECT unnest(village)) ORDER BY r.id FOR KEY SHARE;
        PERFORM 1 FROM households h WHERE h.id IN (SELECT unnest(household)) ORDER BY h.id FOR KEY SHARE;
    END IF;
    SELECT 'monitor_cases_county_id_fkey' INTO missing
      FROM unnest(county) AS c(id)
     WHERE c.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM regions r WHERE r.id = c.id) LIMIT 1;
    IF missing IS NULL THEN
        SELECT 'monitor_cases_village_id_fkey' INTO missing
          FROM unnest(village) AS v(id)
         WHERE v.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM regions r WHERE r.id = v.id) LIMIT 1;
    END IF;
    IF missing IS NULL THEN
        SELECT 'monitor_cases_household_id_fkey' INTO missing
          FROM unnest(household) AS h(id)
         WHERE h.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM households x WHERE x.id = h.id) LIMIT 1;
    END IF;
    RETURN missing;
END
$$;

CREATE FUNCTION monitor_case_places_refuse(missing text) RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'insert or update on table "monitor_cases" violates foreign key constraint "%"', missing
        USING ERRCODE = 'foreign_key_violation', TABLE = 'monitor_cases', CONSTRAINT = missing;
END
$$;

-- each distinct place once, for the whole statement
CREATE FUNCTION monitor_cases_places_added() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    missing text;
BEGIN
    SELECT monitor_case_places_missing(
               ARRAY(SELECT DISTINCT a.county_id FROM added a),
               ARRAY(SELECT DISTINCT a.village_id FROM added a WHERE a.village_id IS NOT NULL),
               ARRAY(SELECT DISTINCT a.household_id FROM added a WHERE a.household_id IS NOT NULL))
      INTO missing;
    IF missing IS NOT NULL THEN
        PERFORM monitor_case_places_refuse(missing);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER monitor_cases_places_added AFTER INSERT ON monitor_cases REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION monitor_cases_places_added();

CREATE FUNCTION monitor_cases_places_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    missing text;
BEGIN
    SELECT monitor_case_places_missing(ARRAY[NEW.county_id], ARRAY[NEW.village_id], ARRAY[NEW.household_id])
      INTO missing;
    IF missing IS NOT NULL THEN
        PERFORM monitor_case_places_refuse(missing);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER monitor_cases_places_changed AFTER UPDATE OF county_id, village_id, household_id ON monitor_cases
    FOR EACH ROW
    WHEN ((OLD.county_id, OLD.village_id, OLD.household_id) IS DISTINCT FROM (NEW.county_id, NEW.village_id, NEW.household_id))
    EXECUTE FUNCTION monitor_cases_places_changed();

-- The other half: a region or household a case names is not removed.
CREATE FUNCTION monitor_case_place_removed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    named boolean;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
        RETURN NEW;
    END IF;
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'a % is removed only at READ COMMITTED (monitoring cases may name it)', TG_TABLE_NAME
            USING ERRCODE = 'serialization_failure';
    END IF;
    LOCK TABLE monitor_cases IN SHARE MODE;
    IF TG_TABLE_NAME = 'households' THEN
        SELECT EXISTS (SELECT 1 FROM monitor_cases c WHERE c.household_id = OLD.id) INTO named;
    ELSE
        SELECT EXISTS (SELECT 1 FROM monitor_cases c WHERE c.county_id = OLD.id)
               OR EXISTS (SELECT 1 FROM monitor_cases c WHERE c.village_id = OLD.id)
          INTO named;
    END IF;
    IF named THEN
        RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint on table "monitor_cases"',
            TG_TABLE_NAME
            USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER monitor_case_region_removed BEFORE DELETE OR UPDATE OF id ON regions
    FOR EACH ROW EXECUTE FUNCTION monitor_case_place_removed();
CREATE TRIGGER monitor_case_household_removed BEFORE DELETE OR UPDATE OF id ON households
    FOR EACH ROW EXECUTE FUNCTION monitor_case_place_removed();

CREATE FUNCTION monitor_case_places_truncated() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    LOCK TABLE monitor_cases IN SHARE MODE;
    IF EXISTS (SELECT 1 FROM monitor_cases) THEN
        RAISE EXCEPTION 'cannot truncate "%": monitoring cases name its rows', TG_TABLE_NAME
            USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER monitor_case_regions_truncated BEFORE TRUNCATE ON regions
    FOR EACH STATEMENT EXECUTE FUNCTION monitor_case_places_truncated();
CREATE TRIGGER monitor_case_households_truncated BEFORE TRUNCATE ON households
    FOR EACH STATEMENT EXECUTE FUNCTION monitor_case_places_truncated();
