-- Each node keeps the public board's totals (board.BoardPages, db.KeptAnswers) on the board's
-- channel. The board's own notices (V140, empty payload) cover the verified allocations, their
-- needs, places, donors and notices; the totals also read what this file adds, notified as
-- NOTIFY bangfu_board 'totals' (the kept board pages ignore it; the kept totals are dropped):
-- the allocations counted for each campaign and the campaigns' names (by campaign), the evidence of
-- verified allocations, the fiscal projects accepted and what was paid to them, the acceptance's
-- notice (the traceability figure), and the delivery samples and their checks (the received rate).
-- Sent at commit, never for a change rolled back, once per transaction.

CREATE FUNCTION board_totals_notice() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('bangfu_board', 'totals');
    RETURN NULL;
END
$$;

-- The campaign summaries rewrite an allocation's rows on every change of it (V79); only rows of a
-- verified allocation (verified <> 0) are counted by the totals.
CREATE FUNCTION board_campaign_allocations_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF EXISTS (SELECT 1 FROM new_rows WHERE verified <> 0) THEN
            PERFORM pg_notify('bangfu_board', 'totals');
        END IF;
    ELSIF EXISTS (SELECT 1 FROM old_rows WHERE verified <> 0) THEN
        PERFORM pg_notify('bangfu_board', 'totals');
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER board_totals_campaign_allocations_insert AFTER INSERT ON campaign_allocations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION board_campaign_allocations_changed();
CREATE TRIGGER board_totals_campaign_allocations_delete AFTER DELETE ON campaign_allocations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION board_campaign_allocations_changed();

CREATE TRIGGER board_totals_campaigns_update AFTER UPDATE OF name ON campaigns
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION board_totals_notice();

-- Evidence counts for the traceability figure once its allocation is verified.
CREATE FUNCTION board_evidence_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF EXISTS (SELECT 1 FROM new_rows e JOIN allocations a ON a.id = e.allocation_id
                    WHERE a.status = 'verified') THEN
            PERFORM pg_notify('bangfu_board', 'totals');
        END IF;
    ELSIF EXISTS (SELECT 1 FROM old_rows e JOIN allocations a ON a.id = e.allocation_id
                   WHERE a.status = 'verified') THEN
        PERFORM pg_notify('bangfu_board', 'totals');
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER board_totals_evidence_insert AFTER INSERT ON allocation_evidence
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION board_evidence_changed();
CREATE TRIGGER board_totals_evidence_delete AFTER DELETE ON allocation_evidence
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION board_evidence_changed();
CREATE TRIGGER board_totals_evidence_update AFTER UPDATE OF allocation_id, stage ON allocation_evidence
    FOR EACH STATEMENT EXECUTE FUNCTION board_totals_notice();

-- The fiscal flow counts accepted projects: a project accepted or no longer accepted, and what is
-- paid to an accepted one.
CREATE FUNCTION board_projects_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF EXISTS (SELECT 1 FROM new_rows WHERE status = 'accepted') THEN
            PERFORM pg_notify('bangfu_board', 'totals');
            RETURN NULL;
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF EXISTS (SELECT 1 FROM old_rows WHERE status = 'accepted') THEN
            PERFORM pg_notify('bangfu_board', 'totals');
        END IF;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER board_totals_projects_insert AFTER INSERT ON fund_projects
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION board_projects_changed();
CREATE TRIGGER board_totals_projects_update AFTER UPDATE ON fund_projects
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION board_projects_changed();
CREATE TRIGGER board_totals_projects_delete AFTER DELETE ON fund_projects
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION board_projects_changed();

CREATE FUNCTION board_project_money_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF EXISTS (SELECT 1 FROM new_rows r JOIN fund_projects j ON j.id = r.project_id
                    WHERE j.status = 'accepted') THEN
            PERFORM pg_notify('bangfu_board', 'totals');
            RETURN NULL;
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF EXISTS (SELECT 1 FROM old_rows r JOIN fund_projects j ON j.id = r.project_id
                    WHERE j.status = 'accepted') THEN
            PERFORM pg_notify('bangfu_board', 'totals');
        END IF;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER board_totals_sources_insert AFTER INSERT ON fund_project_sources
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION board_project_money_changed();
CREATE TRIGGER board_totals_sources_update AFTER UPDATE ON fund_project_sources
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION board_project_money_changed();
CREATE TRIGGER board_totals_sources_delete AFTER DELETE ON fund_project_sources
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION board_project_money_changed();
CREATE TRIGGER board_totals_disbursements_insert AFTER INSERT ON fund_disbursements
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION board_project_money_changed();
CREATE TRIGGER board_totals_disbursements_update AFTER UPDATE ON fund_disbursements
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION board_project_money_changed();
CREATE TRIGGER board_totals_disbursements_delete AFTER DELETE ON fund_disbursements
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION board_project_money_changed();

-- The acceptance's notice (the allocations' notices are the board's own, V140).
CREATE FUNCTION board_project_notices_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF EXISTS (SELECT 1 FROM new_rows WHERE kind = 'project_accepted') THEN
            PERFORM pg_notify('bangfu_board', 'totals');
            RETURN NULL;
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF EXISTS (SELECT 1 FROM old_rows WHERE kind = 'project_accepted') THEN
            PERFORM pg_notify('bangfu_board', 'totals');
        END IF;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER board_totals_notices_insert AFTER INSERT ON notices
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION board_project_notices_changed();
CREATE TRIGGER board_totals_notices_update AFTER UPDATE ON notices
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION board_project_notices_changed();
CREATE TRIGGER board_totals_notices_delete AFTER DELETE ON notices
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION board_project_notices_changed();

-- The received rate: every check's answer, and the samples' frames.
CREATE TRIGGER board_totals_checks_insert AFTER INSERT ON delivery_checks
    FOR EACH STATEMENT EXECUTE FUNCTION board_totals_notice();
CREATE TRIGGER board_totals_checks_update AFTER UPDATE OF status ON delivery_checks
    FOR EACH STATEMENT EXECUTE FUNCTION board_totals_notice();
CREATE TRIGGER board_totals_checks_delete AFTER DELETE ON delivery_checks
    FOR EACH STATEMENT EXECUTE FUNCTION board_totals_notice();
CREATE TRIGGER board_totals_samples_insert AFTER INSERT ON delivery_samples
    FOR EACH STATEMENT EXECUTE FUNCTION board_totals_notice();
CREATE TRIGGER board_totals_samples_update AFTER UPDATE OF population ON delivery_samples
    FOR EACH STATEMENT EXECUTE FUNCTION board_totals_notice();
CREATE TRIGGER board_totals_samples_delete AFTER DELETE ON delivery_samples
    FOR EACH STATEMENT EXECUTE FUNCTION board_totals_notice();

-- An operator's TRUNCATE of any of them (no rows to look at).
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['campaign_allocations', 'campaigns', 'allocation_evidence', 'fund_projects',
                             'fund_project_sources', 'fund_disbursements', 'delivery_checks', 'delivery_samples']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION board_totals_notice()',
                       'board_totals_' || t || '_truncate', t);
    END LOOP;
END
$$;
