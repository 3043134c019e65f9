-- Each node keeps the public board's first pages (board.BoardPages, db.KeptAnswers) until
-- PostgreSQL says, when a change commits, that what they show may have changed. A notice is sent
-- at commit and never for a change rolled back; notices with the same payload in one transaction
-- are sent once.
--
-- bangfu_board (no payload: every kept board page is dropped). The board shows verified
-- allocations with their need's title, category and village, the village's township and county,
-- the pledge's donor and the allocation's public notice (board.BoardRepository), so: an
-- allocation verified, or a verified one changed or undone; a shown need, region or donor renamed
-- or moved; a pledge given to another donor; an allocation's notice published, closed or corrected.

CREATE FUNCTION board_changed_notice() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('bangfu_board', '');
    RETURN NULL;
END
$$;

CREATE FUNCTION board_allocations_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF EXISTS (SELECT 1 FROM new_rows WHERE status = 'verified') THEN
            PERFORM pg_notify('bangfu_board', '');
            RETURN NULL;
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF EXISTS (SELECT 1 FROM old_rows WHERE status = 'verified') THEN
            PERFORM pg_notify('bangfu_board', '');
        END IF;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER board_allocations_insert AFTER INSERT ON allocations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION board_allocations_changed();
CREATE TRIGGER board_allocations_update AFTER UPDATE ON allocations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION board_allocations_changed();
CREATE TRIGGER board_allocations_delete AFTER DELETE ON allocations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION board_allocations_changed();

-- A need's shown fields, only when it has a verified allocation (drafts are edited often).
CREATE FUNCTION board_needs_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF EXISTS (SELECT 1
                 FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.title, o.category, o.village_id) IS DISTINCT FROM (n.title, n.category, n.village_id)
                  AND EXISTS (SELECT 1 FROM allocations a WHERE a.need_id = n.id AND a.status = 'verified')) THEN
        PERFORM pg_notify('bangfu_board', '');
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER board_needs_update AFTER UPDATE ON needs
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION board_needs_changed();

CREATE TRIGGER board_regions_update AFTER UPDATE OF name, parent_id ON regions
    FOR EACH ROW WHEN ((OLD.name, OLD.parent_id) IS DISTINCT FROM (NEW.name, NEW.parent_id))
    EXECUTE FUNCTION board_changed_notice();
CREATE TRIGGER board_donors_update AFTER UPDATE OF name ON donors
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION board_changed_notice();
CREATE TRIGGER board_pledges_update AFTER UPDATE OF donor_id ON pledges
    FOR EACH ROW WHEN (OLD.donor_id IS DISTINCT FROM NEW.donor_id)
    EXECUTE FUNCTION board_changed_notice();

CREATE FUNCTION board_notices_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF EXISTS (SELECT 1 FROM new_rows WHERE kind = 'allocation_verified') THEN
            PERFORM pg_notify('bangfu_board', '');
            RETURN NULL;
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF EXISTS (SELECT 1 FROM old_rows WHERE kind = 'allocation_verified') THEN
            PERFORM pg_notify('bangfu_board', '');
        END IF;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER board_notices_insert AFTER INSERT ON notices
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION board_notices_changed();
CREATE TRIGGER board_notices_update AFTER UPDATE ON notices
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION board_notices_changed();
CREATE TRIGGER board_notices_delete AFTER DELETE ON notices
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION board_notices_changed();
