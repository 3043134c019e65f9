-- An operator's TRUNCATE (no rows to look at) drops every kept board page (V140) and every kept
-- browse page (V141).
CREATE FUNCTION browse_all_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('bangfu_needs_browse', '');
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['allocations', 'needs', 'regions', 'pledges', 'donors', 'notices']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION board_changed_notice()',
                       'board_' || t || '_truncate', t);
    END LOOP;
END
$$;
CREATE TRIGGER browse_needs_truncate AFTER TRUNCATE ON needs
    FOR EACH STATEMENT EXECUTE FUNCTION browse_all_changed();
CREATE TRIGGER browse_regions_truncate AFTER TRUNCATE ON regions
    FOR EACH STATEMENT EXECUTE FUNCTION browse_all_changed();
