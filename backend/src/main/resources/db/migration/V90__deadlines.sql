-- Deadlines (时限): every workflow's deadline is a row of one kind — what (kind and subject),
-- whose (a role, with the desk's region, the village, the donor or the user as the workflow
-- has it), since when and until when, under which rule (the configured setting and its value).
-- The workflows open, meet and cancel their rows in their own transactions
-- (org.bangfu.deadlines.Deadlines); one scheduled job turns them amber at 75 % of their window
-- and escalates each late one exactly once (a conditional UPDATE); the inbox (GET
-- /notifications) reads them per user.
CREATE TABLE deadlines (
    id               bigserial PRIMARY KEY,
    -- report_ack, report_answer, objection_answer, notice_window, application_review,
    -- application_approve, finding_rectify, alert_handle, proposal_confirm, delivery_receive,
    -- receipt_verify, need_review, need_returned, pledge_expiring, pairing_approve, and more
    kind             text        NOT NULL CHECK (kind ~ '^[a-z][a-z_]{1,39}$'),
    subject_type     text        NOT NULL CHECK (subject_type ~ '^[a-z][a-z_]{1,39}$'),
    subject_id       text        NOT NULL CHECK (char_length(subject_id) BETWEEN 1 AND 60),
    -- what the inbox shows (a need's title, a report's tracking number; never personal data)
    title            text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
    -- whose: a role, and for a reviewer the desk's region (township, county or city), for a
    -- secretary the village, for a donor the donor, or one user
    who_role         text        NOT NULL
        CHECK (who_role IN ('village_secretary', 'reviewer', 'donor', 'united_front', 'auditor', 'admin')),
    who_region       text,
    who_village      text,
    who_donor        bigint,
    who_user         bigint,
    -- where the subject lies (a village or a county), for who may hear of it
    place            text,
    starts_at        timestamptz NOT NULL,
    due_at           timestamptz NOT NULL,
    -- starts_at + 75 % of the window: from here on the deadline is due soon (amber)
    amber_at         timestamptz NOT NULL,
    -- the rule: which setting fixed the window, its value, and in what (days, working days, or a
    -- date the workflow set)
    rule_setting     text        NOT NULL CHECK (char_length(rule_setting) BETWEEN 1 AND 80),
    rule_value       integer,
    rule_unit        text        NOT NULL CHECK (rule_unit IN ('days', 'working_days', 'date')),
    state            text        NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'met', 'cancelled')),
    closed_at        timestamptz,
    -- what the job has announced: amber when the window is 75 % gone, red when late
    phase            text        NOT NULL DEFAULT 'on_time' CHECK (phase IN ('on_time', 'amber', 'red')),
    escalation_level smallint    NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 5),
    escalated_at     timestamptz,
    escalated_role   text
        CHECK (escalated_role IN ('village_secretary', 'reviewer', 'donor', 'united_front', 'auditor', 'admin')),
    escalated_region text,
    CONSTRAINT deadline_window CHECK (due_at >= starts_at AND amber_at BETWEEN starts_at AND due_at),
    CONSTRAINT deadline_closed CHECK ((state = 'open') = (closed_at IS NULL)),
    CONSTRAINT deadline_escalated CHECK ((escalation_level = 0) = (escalated_at IS NULL)),
    CONSTRAINT deadline_reviewer_desk CHECK (who_role <> 'reviewer' OR who_region IS NOT NULL),
    CONSTRAINT deadline_secretary_village CHECK (who_role <> 'village_secretary' OR who_village IS NOT NULL),
    CONSTRAINT deadline_donor CHECK (who_role <> 'donor' OR who_donor IS NOT NULL)
);
-- opening is idempotent: one open deadline of a kind per subject
CREATE UNIQUE INDEX deadlines_one_open ON deadlines (kind, subject_type, subject_id) WHERE state = 'open';
CREATE INDEX deadlines_subject ON deadlines (subject_type, subject_id);
-- the job: what turns amber, what is late and not yet escalated
CREATE INDEX deadlines_amber ON deadlines (amber_at) WHERE state = 'open' AND phase = 'on_time';
CREATE INDEX deadlines_late ON deadlines (due_at) WHERE state = 'open' AND escalated_at IS NULL;
-- the inboxes: a desk, a village, a donor, a role, and what was escalated to someone
CREATE INDEX deadlines_desk ON deadlines (who_region, due_at) WHERE state = 'open';
CREATE INDEX deadlines_village ON deadlines (who_village, due_at) WHERE state = 'open';
CREATE INDEX deadlines_donor ON deadlines (who_donor, due_at) WHERE state = 'open';
CREATE INDEX deadlines_role ON deadlines (who_role, due_at) WHERE state = 'open';
CREATE INDEX deadlines_user ON deadlines (who_user, due_at) WHERE state = 'open' AND who_user IS NOT NULL;
CREATE INDEX deadlines_escalated ON deadlines (escalated_role, escalated_region, due_at)
    WHERE state = 'open' AND escalated_role IS NOT NULL;

-- Open screens hear of a deadline opened, met, cancelled, turned amber or red, or escalated:
-- NOTIFY bangfu_deadlines when the change commits (never for a change rolled back), one notice
-- per kind and audience whatever the number of rows (a match round's proposals are one notice
-- per donor). Each node relays them to its own event streams. A bulk load sets
-- bangfu.deadlines_quiet for its transaction and tells nobody.
CREATE FUNCTION deadlines_notice(t text, d deadlines) RETURNS text
    LANGUAGE sql IMMUTABLE AS
$$
SELECT json_build_object('type', t, 'kind', d.kind, 'role', d.who_role, 'region', d.who_region,
                         'village', d.who_village, 'donor', d.who_donor,
                         'toRole', d.escalated_role, 'toRegion', d.escalated_region)::text
$$;

CREATE FUNCTION deadlines_announce_opened() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF coalesce(current_setting('bangfu.deadlines_quiet', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM pg_notify('bangfu_deadlines', p)
       FROM (SELECT DISTINCT deadlines_notice('opened', n) AS p FROM opened n) x;
    RETURN NULL;
END
$$;
CREATE TRIGGER deadlines_opened AFTER INSERT ON deadlines REFERENCING NEW TABLE AS opened
    FOR EACH STATEMENT EXECUTE FUNCTION deadlines_announce_opened();

CREATE FUNCTION deadlines_announce_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF coalesce(current_setting('bangfu.deadlines_quiet', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM pg_notify('bangfu_deadlines', p)
       FROM (SELECT DISTINCT deadlines_notice(
                 CASE WHEN n.state <> o.state THEN n.state
                      WHEN (n.escalated_at, n.escalated_role, n.escalated_region)
                           IS DISTINCT FROM (o.escalated_at, o.escalated_role, o.escalated_region) THEN 'escalated'
                      ELSE n.phase END, n) AS p
               FROM after_rows n JOIN before_rows o ON o.id = n.id
              WHERE (n.state, n.phase, n.escalated_at, n.escalated_role, n.escalated_region)
                    IS DISTINCT FROM (o.state, o.phase, o.escalated_at, o.escalated_role, o.escalated_region)) x;
    RETURN NULL;
END
$$;
CREATE TRIGGER deadlines_changed AFTER UPDATE ON deadlines
    REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
    FOR EACH STATEMENT EXECUTE FUNCTION deadlines_announce_changed();

-- The deadlines of every workflow under way, opened where they are missing (idempotent): run
-- below for an existing database, and by the demo loaders after they load. The windows of kinds
-- whose workflow keeps no due date of its own are the settings' defaults (the README's table).
CREATE FUNCTION deadline_backfill() RETURNS bigint
    LANGUAGE plpgsql AS
$$
DECLARE
    opened bigint;
BEGIN
    PERFORM set_config('bangfu.deadlines_quiet', 'on', true);
    WITH rows AS (
        -- 12317 reports: acknowledged (accepted or not) within working days, answered within days
        SELECT 'report_ack' AS kind, 'report' AS subject_type, r.id::text AS subject_id,
               r.tracking_no AS title, 'reviewer' AS who_role, coalesce(r.county_id, '3505') AS who_region,
               NULL::text AS who_village, NULL::bigint AS who_donor, r.county_id AS place,
               r.received_at AS starts_at, r.ack_due AS due_at,
               'BANGFU_REPORT_ACK_WORKING_DAYS' AS rule_setting, 3 AS rule_value, 'working_days' AS rule_unit,
               r.escalated_at,
               CASE WHEN r.county_id IS NULL THEN 'auditor' ELSE 'reviewer' END AS escalated_role,
               CASE WHEN r.county_id IS NOT NULL THEN left(r.county_id, 4) END AS escalated_region
          FROM reports r WHERE r.status = 'received'
        UNION ALL
        SELECT 'report_answer', 'report', r.id::text, r.tracking_no, 'reviewer', coalesce(r.county_id, '3505'),
               NULL, NULL, r.county_id, least(coalesce(r.review_requested_at, r.received_at), r.answer_due), r.answer_due,
               'BANGFU_REPORT_ANSWER_DAYS', 15, 'days', r.escalated_at,
               CASE WHEN r.county_id IS NULL THEN 'auditor' ELSE 'reviewer' END,
               CASE WHEN r.county_id IS NOT NULL THEN left(r.county_id, 4) END
          FROM reports r WHERE r.status IN ('received', 'accepted', 'investigating', 'review_requested')
        UNION ALL
        -- public notice: the window, and each objection's answer
        SELECT 'notice_window', 'notice', n.id::text, n.title, 'reviewer', coalesce(n.county_id, n.region_id),
               NULL, NULL, n.region_id, n.published_at, n.window_ends_at,
               CASE WHEN n.kind = 'household_status' THEN 'BANGFU_NOTICE_WINDOW_DAYS_HOUSEHOLD_STATUS'
                    ELSE 'BANGFU_NOTICE_WINDOW_DAYS' END,
               round(extract(epoch FROM n.window_ends_at - n.published_at) / 86400)::int, 'days',
               NULL, NULL, NULL
          FROM notices n WHERE n.status IN ('open', 'held')
        UNION ALL
        SELECT 'objection_answer', 'objection', o.id::text, n.title, 'reviewer', coalesce(n.county_id, n.region_id),
               NULL, NULL, n.region_id, o.filed_at, o.due_at, 'BANGFU_OBJECTION_ANSWER_DAYS',
               round(extract(epoch FROM o.due_at - o.filed_at) / 86400)::int, 'days', NULL, NULL, NULL
          FROM notice_objections o JOIN notices n ON n.id = o.notice_id WHERE o.status = 'open'
        UNION ALL
        -- the register: the township reviews, the county approves
        SELECT 'application_review', 'status_application', a.id::text, v.name || ' · ' || a.from_status || ' → ' || a.to_status,
               'reviewer', coalesce(region_township(a.village_id), region_county(a.village_id)), NULL, NULL,
               a.village_id, a.submitted_at, a.submitted_at + interval '10 days', 'BANGFU_APPLICATION_REVIEW_DAYS',
               10, 'days', NULL, NULL, NULL
          FROM status_applications a JOIN regions v ON v.id = a.village_id
         WHERE a.state = 'submitted'
        UNION ALL
        SELECT 'application_approve', 'status_application', a.id::text, v.name || ' · ' || a.from_status || ' → ' || a.to_status,
               'reviewer', region_county(a.village_id), NULL, NULL, a.village_id,
               coalesce(a.reviewed_at, a.submitted_at), coalesce(a.reviewed_at, a.submitted_at) + interval '10 days',
               'BANGFU_APPLICATION_APPROVE_DAYS', 10, 'days', NULL, NULL, NULL
          FROM status_applications a JOIN regions v ON v.id = a.village_id WHERE a.state = 'reviewed'
        UNION ALL
        -- 督查 findings: the responsible unit rectifies by the inspection's date (end of that day in China)
        SELECT 'finding_rectify', 'finding', f.id::text, left(f.problem, 80),
               CASE f.subject_kind WHEN 'village' THEN 'village_secretary' WHEN 'donor' THEN 'donor' ELSE 'reviewer' END,
               CASE WHEN f.subject_kind IN ('county', 'report', 'project') THEN f.county_id END,
               CASE WHEN f.subject_kind = 'village' THEN f.subject_id END,
               CASE WHEN f.subject_kind = 'donor' THEN f.subject_id::bigint END,
               coalesce(CASE WHEN f.subject_kind = 'village' THEN f.subject_id END, f.county_id),
               least(f.created_at, (f.deadline + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'),
               (f.deadline + 1)::timestamp AT TIME ZONE 'Asia/Shanghai',
               'inspection_deadline', NULL, 'date', f.escalated_at, i.inspector_role, i.inspector_region
          FROM inspection_findings f JOIN inspections i ON i.id = f.inspection_id
         WHERE f.status <> 'accepted' AND (f.subject_kind NOT IN ('county', 'report', 'project') OR f.county_id IS NOT NULL)
        UNION ALL
        -- supervision alerts: the auditors explain or close them
        SELECT 'alert_handle', 'alert', al.id::text, al.title, 'auditor', NULL, NULL, NULL,
               coalesce(al.county_id, al.region_id), al.raised_at, al.raised_at + interval '10 days',
               'BANGFU_ALERT_HANDLE_DAYS', 10, 'days', NULL, NULL, NULL
          FROM alerts al WHERE al.status = 'open'
        UNION ALL
        -- allocations: the donor confirms a proposal, the secretary records receipt, the county verifies
        SELECT 'proposal_confirm', 'allocation', a.id::text, nd.title, 'donor', NULL, NULL, p.donor_id, nd.village_id,
               a.created_at, a.created_at + interval '14 days', 'proposal_days', 14, 'days', NULL, NULL, NULL
          FROM allocations a JOIN pledges p ON p.id = a.pledge_id JOIN needs nd ON nd.id = a.need_id
         WHERE a.status = 'proposed'
        UNION ALL
        SELECT 'delivery_receive', 'allocation', a.id::text, nd.title, 'village_secretary', NULL, nd.village_id, NULL,
               nd.village_id, coalesce(a.delivered_at, a.updated_at), coalesce(a.delivered_at, a.updated_at) + interval '15 days',
               'BANGFU_RECEIPT_ON_TIME_DAYS', 15, 'days', NULL, NULL, NULL
          FROM allocations a JOIN needs nd ON nd.id = a.need_id WHERE a.status = 'delivered'
        UNION ALL
        SELECT 'receipt_verify', 'allocation', a.id::text, nd.title, 'reviewer', region_county(nd.village_id), NULL, NULL,
               nd.village_id, coalesce(a.received_at, a.updated_at), coalesce(a.received_at, a.updated_at) + interval '15 days',
               'BANGFU_ALERT_VERIFY_DAYS', 15, 'days', NULL, NULL, NULL
          FROM allocations a JOIN needs nd ON nd.id = a.need_id WHERE a.status = 'received'
        UNION ALL
        -- needs: the county reviews a submitted need; the secretary corrects one sent back
        SELECT 'need_review', 'need', nd.id::text, nd.title, 'reviewer', region_county(nd.village_id), NULL, NULL,
               nd.village_id, nd.updated_at, nd.updated_at + interval '7 days', 'BANGFU_NEED_REVIEW_DAYS', 7, 'days',
               NULL, NULL, NULL
          FROM needs nd WHERE nd.status = 'submitted'
        UNION ALL
        SELECT 'need_returned', 'need', nd.id::text, nd.title, 'village_secretary', NULL, nd.village_id, NULL,
               nd.village_id, nd.updated_at, nd.updated_at + interval '14 days', 'BANGFU_NEED_RETURNED_DAYS', 14, 'days',
               NULL, NULL, NULL
          FROM needs nd WHERE nd.status = 'rejected'
        UNION ALL
        -- a pledge about to expire with something left: its donor uses it (or lets it go)
        SELECT 'pledge_expiring', 'pledge', p.id::text, d.name || ' · #' || p.id, 'donor', NULL, NULL, p.donor_id, d.home_county,
               greatest(least(p.created_at, e.ends), e.ends - interval '14 days'), e.ends,
               'BANGFU_ALERT_PLEDGE_EXPIRY_DAYS', 14, 'days', NULL, NULL, NULL
          FROM pledges p JOIN donors d ON d.id = p.donor_id,
               LATERAL (SELECT (p.expires + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AS ends) e
         WHERE p.status = 'open' AND p.expires IS NOT NULL AND p.allocated < p.quantity
           AND e.ends > now() AND e.ends <= now() + interval '14 days'
        UNION ALL
        -- a donor's request to pair with a village: the united front decides
        SELECT 'pairing_approve', 'pairing_request', q.id::text, d.name || ' → ' || v.name, 'united_front', NULL, NULL,
               NULL, q.village_id, q.requested_at, q.requested_at + interval '7 days', 'BANGFU_PAIRING_APPROVE_DAYS', 7,
               'days', NULL, NULL, NULL
          FROM campaign_pairing_requests q JOIN donors d ON d.id = q.donor_id JOIN regions v ON v.id = q.village_id
         WHERE q.status = 'pending'
    )
    INSERT INTO deadlines (kind, subject_type, subject_id, title, who_role, who_region, who_village, who_donor, place,
                           starts_at, due_at, amber_at, rule_setting, rule_value, rule_unit, phase,
                           escalation_level, escalated_at, escalated_role, escalated_region)
    SELECT kind, subject_type, subject_id, left(title, 300), who_role, who_region, who_village, who_donor, place,
           starts_at, due_at, starts_at + (due_at - starts_at) * 0.75, rule_setting, rule_value, rule_unit,
           CASE WHEN escalated_at IS NULL THEN 'on_time' ELSE 'red' END,
           CASE WHEN escalated_at IS NULL THEN 0 ELSE 1 END, escalated_at,
           CASE WHEN escalated_at IS NOT NULL THEN escalated_role END,
           CASE WHEN escalated_at IS NOT NULL THEN escalated_region END
      FROM rows
     WHERE starts_at <= due_at
    ON CONFLICT (kind, subject_type, subject_id) WHERE state = 'open' DO NOTHING;
    GET DIAGNOSTICS opened = ROW_COUNT;
    PERFORM set_config('bangfu.deadlines_quiet', 'off', true);
    RETURN opened;
END
$$;

SELECT deadline_backfill();
