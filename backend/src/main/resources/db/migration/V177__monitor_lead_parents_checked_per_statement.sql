-- A lead's case and department file are checked once per statement instead of by two foreign keys
-- per row: a department file adds up to 50,000 leads in one INSERT, and their per-row checks (each
-- a query locking the case's or the file's row) took about 60 % of that statement (43,000 leads on
-- the national set: 0.74-0.80 s with the keys, 0.29-0.31 s without). The guarantee is kept in the
-- same two halves as the cases' places (V175):
--
-- * Writing leads: after each INSERT every case and file the new rows name must exist, one
--   set-based query over the statement's rows (an UPDATE that changes them, row by row); at a
--   stricter isolation than READ COMMITTED the named rows are also locked as a foreign key locks
--   them (FOR KEY SHARE).
-- * Removing a case or a file, or changing its id: it first waits for every transaction writing
--   leads and keeps new ones out (SHARE on monitor_leads), then is refused while a lead names it;
--   only at READ COMMITTED. TRUNCATE of either is refused while leads exist. Nothing in the product
--   removes cases or files.
--
-- The errors name the constraints the foreign keys had.

ALTER TABLE monitor_leads
    DROP CONSTRAINT monitor_leads_case_id_fkey,
    DROP CONSTRAINT monitor_leads_batch_id_fkey;

CREATE FUNCTION monitor_lead_parents_missing(cases bigint[], batches bigint[]) RETURNS text
    LANGUAGE plpgsql AS
$$
DECLARE
    missing text;
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        PERFORM 1 FROM monitor_cases c WHERE c.id IN (SELECT unnest(cases)) ORDER BY c.id FOR KEY SHARE;
        PERFORM 1 FROM monitor_warning_batches b WHERE b.id IN (SELECT unnest(batches)) ORDER BY b.id FOR KEY SHARE;
    END IF;
    SELECT 'monitor_leads_case_id_fkey' INTO missing
      FROM unnest(cases) AS x(id)
     WHERE x.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM monitor_cases c WHERE c.id = x.id) LIMIT 1;
    IF missing IS NULL THEN
        SELECT 'monitor_leads_batch_id_fkey' INTO missing
          FROM unnest(batches) AS x(id)
         WHERE x.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM monitor_warning_batches b WHERE b.id = x.id) LIMIT 1;
    END IF;
    RETURN missing;
END
$$;

CREATE FUNCTION monitor_lead_parents_refuse(missing text) RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'insert or update on table "monitor_leads" violates foreign key constraint "%"', missing
        USING ERRCODE = 'foreign_key_violation', TABLE = 'monitor_leads', CONSTRAINT = missing;
END
$$;

CREATE FUNCTION monitor_leads_parents_added() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    missing text;
BEGIN
    SELECT monitor_lead_parents_missing(
               ARRAY(SELECT DISTINCT a.case_id FROM added a),
               ARRAY(SELECT DISTINCT a.batch_id FROM added a WHERE a.batch_id IS NOT NULL))
      INTO missing;
    IF missing IS NOT NULL THEN
        PERFORM monitor_lead_parents_refuse(missing);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER monitor_leads_parents_added AFTER INSERT ON monitor_leads REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION monitor_leads_parents_added();

CREATE FUNCTION monitor_leads_parents_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    missing text;
BEGIN
    SELECT monitor_lead_parents_missing(ARRAY[NEW.case_id], ARRAY[NEW.batch_id]) INTO missing;
    IF missing IS NOT NULL THEN
        PERFORM monitor_lead_parents_refuse(missing);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER monitor_leads_parents_changed AFTER UPDATE OF case_id, batch_id ON monitor_leads
    FOR EACH ROW
    WHEN ((OLD.case_id, OLD.batch_id) IS DISTINCT FROM (NEW.case_id, NEW.batch_id))
    EXECUTE FUNCTION monitor_leads_parents_changed();

-- The other half: a case or a file a lead names is not removed.
CREATE FUNCTION monitor_lead_parent_removed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    named boolean;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
        RETURN NEW;
    END IF;
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'a row of % is removed only at READ COMMITTED (leads may name it)', TG_TABLE_NAME
            USING ERRCODE = 'serialization_failure';
    END IF;
    LOCK TABLE monitor_leads IN SHARE MODE;
    IF TG_TABLE_NAME = 'monitor_cases' THEN
        SELECT EXISTS (SELECT 1 FROM monitor_leads l WHERE l.case_id = OLD.id) INTO named;
    ELSE
        SELECT EXISTS (SELECT 1 FROM monitor_leads l WHERE l.batch_id = OLD.id) INTO named;
    END IF;
    IF named THEN
        RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint on table "monitor_leads"',
            TG_TABLE_NAME
            USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER monitor_lead_case_removed BEFORE DELETE OR UPDATE OF id ON monitor_cases
    FOR EACH ROW EXECUTE FUNCTION monitor_lead_parent_removed();
CREATE TRIGGER monitor_lead_batch_removed BEFORE DELETE OR UPDATE OF id ON monitor_warning_batches
    FOR EACH ROW EXECUTE FUNCTION monitor_lead_parent_removed();

CREATE FUNCTION monitor_lead_parents_truncated() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    LOCK TABLE monitor_leads IN SHARE MODE;
    IF EXISTS (SELECT 1 FROM monitor_leads) THEN
        RAISE EXCEPTION 'cannot truncate "%": leads name its rows', TG_TABLE_NAME
            USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER monitor_lead_cases_truncated BEFORE TRUNCATE ON monitor_cases
    FOR EACH STATEMENT EXECUTE FUNCTION monitor_lead_parents_truncated();
CREATE TRIGGER monitor_lead_batches_truncated BEFORE TRUNCATE ON monitor_warning_batches
    FOR EACH STATEMENT EXECUTE FUNCTION monitor_lead_parents_truncated();
