-- Each node keeps the allocation totals of GET /progress/allocation-totals (progress.ProgressAnswers,
-- db.KeptAnswers) until PostgreSQL sends NOTIFY bangfu_allocations (no payload: every kept view is
-- dropped) at the commit of a change the totals count: an allocation added or removed, or one
-- whose status, unit, quantity, need, pledge or round changed; and, for the filters by donor and
-- by village, a pledge given to another donor or a need moved to another village. One notice per
-- statement (and per transaction, PostgreSQL folds equal notices); none for a change rolled back.

CREATE FUNCTION allocation_totals_notice() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('bangfu_allocations', '');
    RETURN NULL;
END
$$;

CREATE FUNCTION allocation_totals_updated() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF EXISTS (SELECT 1
                 FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.status, o.unit, o.quantity, o.need_id, o.pledge_id, o.round_id)
                      IS DISTINCT FROM (n.status, n.unit, n.quantity, n.need_id, n.pledge_id, n.round_id)) THEN
        PERFORM pg_notify('bangfu_allocations', '');
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER allocation_totals_insert AFTER INSERT ON allocations
    FOR EACH STATEMENT EXECUTE FUNCTION allocation_totals_notice();
CREATE TRIGGER allocation_totals_update AFTER UPDATE ON allocations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION allocation_totals_updated();
CREATE TRIGGER allocation_totals_delete AFTER DELETE ON allocations
    FOR EACH STATEMENT EXECUTE FUNCTION allocation_totals_notice();

CREATE TRIGGER allocation_totals_pledges_update AFTER UPDATE OF donor_id ON pledges
    FOR EACH ROW WHEN (OLD.donor_id IS DISTINCT FROM NEW.donor_id)
    EXECUTE FUNCTION allocation_totals_notice();
CREATE TRIGGER allocation_totals_needs_update AFTER UPDATE OF village_id ON needs
    FOR EACH ROW WHEN (OLD.village_id IS DISTINCT FROM NEW.village_id)
    EXECUTE FUNCTION allocation_totals_notice();

-- An operator's TRUNCATE (no rows to look at).
CREATE TRIGGER allocation_totals_allocations_truncate AFTER TRUNCATE ON allocations
    FOR EACH STATEMENT EXECUTE FUNCTION allocation_totals_notice();
CREATE TRIGGER allocation_totals_pledges_truncate AFTER TRUNCATE ON pledges
    FOR EACH STATEMENT EXECUTE FUNCTION allocation_totals_notice();
CREATE TRIGGER allocation_totals_needs_truncate AFTER TRUNCATE ON needs
    FOR EACH STATEMENT EXECUTE FUNCTION allocation_totals_notice();
