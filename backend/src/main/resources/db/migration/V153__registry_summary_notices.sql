-- Each node keeps the registry summaries of GET /registry/summary, one per region asked
-- (registry.RegistrySummaries, db.KeptAnswers), until PostgreSQL sends NOTIFY bangfu_registry (no
-- payload: every kept summary is dropped) at the commit of a change they count: a household
-- registered or removed, or its village, status or support (低保, 特困) changed; a step of the
-- effective history written; a region renamed (the counties' names). One notice per statement (and
-- per transaction); none for a change rolled back.

CREATE FUNCTION registry_summary_notice() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('bangfu_registry', '');
    RETURN NULL;
END
$$;

CREATE FUNCTION registry_households_updated() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF EXISTS (SELECT 1
                 FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.village_id, o.status, o.dibao, o.tekun)
                      IS DISTINCT FROM (n.village_id, n.status, n.dibao, n.tekun)) THEN
        PERFORM pg_notify('bangfu_registry', '');
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION registry_history_added() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF EXISTS (SELECT 1 FROM new_rows WHERE step IN ('registered', 'effective') AND year IS NOT NULL) THEN
        PERFORM pg_notify('bangfu_registry', '');
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER registry_summary_households_insert AFTER INSERT ON households
    FOR EACH STATEMENT EXECUTE FUNCTION registry_summary_notice();
CREATE TRIGGER registry_summary_households_update AFTER UPDATE ON households
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION registry_households_updated();
CREATE TRIGGER registry_summary_households_delete AFTER DELETE ON households
    FOR EACH STATEMENT EXECUTE FUNCTION registry_summary_notice();

-- The history is appended to only (V30); a change or removal by an operator still notifies.
CREATE TRIGGER registry_summary_history_insert AFTER INSERT ON household_status_history
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registry_history_added();
CREATE TRIGGER registry_summary_history_update AFTER UPDATE ON household_status_history
    FOR EACH STATEMENT EXECUTE FUNCTION registry_summary_notice();
CREATE TRIGGER registry_summary_history_delete AFTER DELETE ON household_status_history
    FOR EACH STATEMENT EXECUTE FUNCTION registry_summary_notice();

CREATE TRIGGER registry_summary_regions_update AFTER UPDATE OF name ON regions
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION registry_summary_notice();

-- An operator's TRUNCATE (no rows to look at).
CREATE TRIGGER registry_summary_households_truncate AFTER TRUNCATE ON households
    FOR EACH STATEMENT EXECUTE FUNCTION registry_summary_notice();
CREATE TRIGGER registry_summary_history_truncate AFTER TRUNCATE ON household_status_history
    FOR EACH STATEMENT EXECUTE FUNCTION registry_summary_notice();
CREATE TRIGGER registry_summary_regions_truncate AFTER TRUNCATE ON regions
    FOR EACH STATEMENT EXECUTE FUNCTION registry_summary_notice();
