-- Each node keeps the public's and donors' first browse pages of needs (needs.BrowsePages,
-- db.KeptAnswers) until PostgreSQL says, when a change commits, that what they show may have
-- changed (sent at commit, never for a change rolled back, once per payload and transaction).
--
-- bangfu_needs_browse, the payload a category: the browse pages of that category (and those of
-- every category) are dropped; an empty payload drops them all. Every need inserted, changed or
-- deleted names its categories before and after, whatever its status: a need published, withdrawn,
-- claimed or proposed to (its counter moves), verified… A village, township or county renamed
-- drops them all.
CREATE FUNCTION browse_needs_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    c text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        FOR c IN SELECT DISTINCT category FROM new_rows LOOP
            PERFORM pg_notify('bangfu_needs_browse', c);
        END LOOP;
    ELSIF TG_OP = 'DELETE' THEN
        FOR c IN SELECT DISTINCT category FROM old_rows LOOP
            PERFORM pg_notify('bangfu_needs_browse', c);
        END LOOP;
    ELSE
        FOR c IN SELECT category FROM old_rows UNION SELECT category FROM new_rows LOOP
            PERFORM pg_notify('bangfu_needs_browse', c);
        END LOOP;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER browse_needs_insert AFTER INSERT ON needs
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION browse_needs_changed();
CREATE TRIGGER browse_needs_update AFTER UPDATE ON needs
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION browse_needs_changed();
CREATE TRIGGER browse_needs_delete AFTER DELETE ON needs
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION browse_needs_changed();

CREATE FUNCTION browse_regions_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('bangfu_needs_browse', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER browse_regions_update AFTER UPDATE OF name, parent_id ON regions
    FOR EACH ROW WHEN ((OLD.name, OLD.parent_id) IS DISTINCT FROM (NEW.name, NEW.parent_id))
    EXECUTE FUNCTION browse_regions_changed();
