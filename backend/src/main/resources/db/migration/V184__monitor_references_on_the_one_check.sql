-- The monitor's cases and leads keep their references through the one per-statement check (V180)
-- instead of functions of their own (V175, V177): the same rule — the named rows must exist after
-- each INSERT, checked set-based over the statement's rows; a removal of a named row waits for the
-- writers and is refused; TRUNCATE refused while rows name it; the errors with the constraints'
-- names and SQLSTATE 23503 — written once for every table that needs it.

DROP TRIGGER monitor_cases_places_added ON monitor_cases;
DROP TRIGGER monitor_cases_places_changed ON monitor_cases;
DROP TRIGGER monitor_case_region_removed ON regions;
DROP TRIGGER monitor_case_household_removed ON households;
DROP TRIGGER monitor_case_regions_truncated ON regions;
DROP TRIGGER monitor_case_households_truncated ON households;
DROP FUNCTION monitor_cases_places_added();
DROP FUNCTION monitor_cases_places_changed();
DROP FUNCTION monitor_case_place_removed();
DROP FUNCTION monitor_case_places_truncated();
DROP FUNCTION monitor_case_places_refuse(text);
DROP FUNCTION monitor_case_places_missing(text[], text[], bigint[]);

DROP TRIGGER monitor_leads_parents_added ON monitor_leads;
DROP TRIGGER monitor_leads_parents_changed ON monitor_leads;
DROP TRIGGER monitor_lead_case_removed ON monitor_cases;
DROP TRIGGER monitor_lead_batch_removed ON monitor_warning_batches;
DROP TRIGGER monitor_lead_cases_truncated ON monitor_cases;
DROP TRIGGER monitor_lead_batches_truncated ON monitor_warning_batches;
DROP FUNCTION monitor_leads_parents_added();
DROP FUNCTION monitor_leads_parents_changed();
DROP FUNCTION monitor_lead_parent_removed();
DROP FUNCTION monitor_lead_parents_truncated();
DROP FUNCTION monitor_lead_parents_refuse(text);
DROP FUNCTION monitor_lead_parents_missing(bigint[], bigint[]);

-- a case's county, village and household
CREATE TRIGGER monitor_cases_places_added AFTER INSERT ON monitor_cases REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION references_checked(
        'county_id', 'regions', 'monitor_cases_county_id_fkey',
        'village_id', 'regions', 'monitor_cases_village_id_fkey',
        'household_id', 'households', 'monitor_cases_household_id_fkey');
CREATE TRIGGER monitor_cases_places_changed AFTER UPDATE OF county_id, village_id, household_id ON monitor_cases
    FOR EACH ROW
    WHEN ((OLD.county_id, OLD.village_id, OLD.household_id) IS DISTINCT FROM (NEW.county_id, NEW.village_id, NEW.household_id))
    EXECUTE FUNCTION references_checked(
        'county_id', 'regions', 'monitor_cases_county_id_fkey',
        'village_id', 'regions', 'monitor_cases_village_id_fkey',
        'household_id', 'households', 'monitor_cases_household_id_fkey');
CREATE TRIGGER monitor_case_region_removed BEFORE DELETE OR UPDATE OF id ON regions
    FOR EACH ROW EXECUTE FUNCTION referenced_row_removed(
        'monitor_cases', 'county_id', 'monitor_cases_county_id_fkey',
        'monitor_cases', 'village_id', 'monitor_cases_village_id_fkey');
CREATE TRIGGER monitor_case_household_removed BEFORE DELETE OR UPDATE OF id ON households
    FOR EACH ROW EXECUTE FUNCTION referenced_row_removed(
        'monitor_cases', 'household_id', 'monitor_cases_household_id_fkey');
CREATE TRIGGER monitor_case_regions_truncated BEFORE TRUNCATE ON regions
    FOR EACH STATEMENT EXECUTE FUNCTION referenced_rows_truncated('monitor_cases');
CREATE TRIGGER monitor_case_households_truncated BEFORE TRUNCATE ON households
    FOR EACH STATEMENT EXECUTE FUNCTION referenced_rows_truncated('monitor_cases');

-- a lead's case and file
CREATE TRIGGER monitor_leads_parents_added AFTER INSERT ON monitor_leads REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION references_checked(
        'case_id', 'monitor_cases', 'monitor_leads_case_id_fkey',
        'batch_id', 'monitor_warning_batches', 'monitor_leads_batch_id_fkey');
CREATE TRIGGER monitor_leads_parents_changed AFTER UPDATE OF case_id, batch_id ON monitor_leads
    FOR EACH ROW
    WHEN ((OLD.case_id, OLD.batch_id) IS DISTINCT FROM (NEW.case_id, NEW.batch_id))
    EXECUTE FUNCTION references_checked(
        'case_id', 'monitor_cases', 'monitor_leads_case_id_fkey',
        'batch_id', 'monitor_warning_batches', 'monitor_leads_batch_id_fkey');
CREATE TRIGGER monitor_lead_case_removed BEFORE DELETE OR UPDATE OF id ON monitor_cases
    FOR EACH ROW EXECUTE FUNCTION referenced_row_removed('monitor_leads', 'case_id', 'monitor_leads_case_id_fkey');
CREATE TRIGGER monitor_lead_batch_removed BEFORE DELETE OR UPDATE OF id ON monitor_warning_batches
    FOR EACH ROW EXECUTE FUNCTION referenced_row_removed('monitor_leads', 'batch_id', 'monitor_leads_batch_id_fkey');
CREATE TRIGGER monitor_lead_cases_truncated BEFORE TRUNCATE ON monitor_cases
    FOR EACH STATEMENT EXECUTE FUNCTION referenced_rows_truncated('monitor_leads');
CREATE TRIGGER monitor_lead_batches_truncated BEFORE TRUNCATE ON monitor_warning_batches
    FOR EACH STATEMENT EXECUTE FUNCTION referenced_rows_truncated('monitor_leads');
