-- A round's proposals wait for their donor as one deadline per round and donor (a product
-- decision): every proposal of a round is due at the same moment and the donor's inbox item opens
-- the list of proposals, not one of them, so thirteen identical items were noise (and 401,890
-- rows, with their seven index entries, were a sixth of a national round's write).
--
-- The deadline's subject is the donor's proposals of the round: subject type round_proposals,
-- subject id '<round id>:<donor id>', title the round's id (the web app words the item: the
-- round, and how many proposals still wait, which the inbox reads live from the function below).
-- It is met when none of them is still proposed after the donor's answer (a confirmation or a
-- refusal), cancelled when none is after the rest expired or ended (their need or pledge
-- withdrawn or ended, or nobody confirmed in time): org.bangfu.allocations.AllocationDeadlines.

-- The subject of a donor's proposals of a round: how the deadline is named wherever it is opened
-- or looked for.
CREATE FUNCTION round_proposals_subject(round_id bigint, donor_id bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT round_id || ':' || donor_id
$$;

-- How many of a donor's proposals of a round still wait (the deadline's subject id): the one rule
-- the inbox counts with and the deadline's closing checks (through the donor's pledges: a donor
-- has few, each a few allocations per round).
CREATE FUNCTION round_proposals_waiting(subject_id text) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE AS
$$
SELECT count(*)
  FROM pledges p JOIN allocations a ON a.pledge_id = p.id
 WHERE p.donor_id = split_part(subject_id, ':', 2)::bigint
   AND a.round_id = split_part(subject_id, ':', 1)::bigint
   AND a.status = 'proposed'
$$;

-- A database being upgraded: the open deadlines of its waiting proposals become one per round and
-- donor, each as urgent as the most urgent of those it replaces (the earliest start, amber and due
-- dates, the furthest phase, the first escalation), and the ones per proposal are closed as
-- cancelled (replaced: none is asked for any more). Quiet: nobody is told of the change.
SELECT set_config('bangfu.deadlines_quiet', 'on', true);
CREATE TEMPORARY TABLE proposal_deadlines_replaced ON COMMIT DROP AS
SELECT d.*, a.round_id
  FROM deadlines d JOIN allocations a ON a.id::text = d.subject_id
 WHERE d.kind = 'proposal_confirm' AND d.subject_type = 'allocation' AND d.state = 'open'
   AND a.round_id IS NOT NULL;
INSERT INTO deadlines (kind, subject_type, subject_id, title, who_role, who_donor, place, starts_at, due_at,
                       amber_at, rule_setting, rule_value, rule_unit, phase, escalation_level, escalated_at,
                       escalated_role, escalated_region)
SELECT 'proposal_confirm', 'round_proposals', round_proposals_subject(round_id, who_donor), round_id::text, 'donor', who_donor,
       NULL, min(starts_at), min(due_at), min(amber_at), min(rule_setting), min(rule_value), min(rule_unit),
       CASE max(CASE phase WHEN 'red' THEN 2 WHEN 'amber' THEN 1 ELSE 0 END)
            WHEN 2 THEN 'red' WHEN 1 THEN 'amber' ELSE 'on_time' END,
       max(escalation_level), min(escalated_at),
       (array_agg(escalated_role ORDER BY escalated_at NULLS LAST, id))[1],
       (array_agg(escalated_region ORDER BY escalated_at NULLS LAST, id))[1]
  FROM proposal_deadlines_replaced
 GROUP BY round_id, who_donor;
UPDATE deadlines d SET state = 'cancelled', closed_at = now()
  FROM proposal_deadlines_replaced r WHERE d.id = r.id;
SELECT set_config('bangfu.deadlines_quiet', 'off', true);

-- The deadlines of every workflow under way (V90), with a round's proposals opened as above.
CREATE OR REPLACE FUNCTION deadline_backfill() RETURNS bigint
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
        -- (a round's proposals wait for their donor as one deadline per round and donor, V189)
        SELECT 'proposal_confirm', 'round_proposals', round_proposals_subject(a.round_id, p.donor_id), a.round_id::text, 'donor',
               NULL, NULL, p.donor_id, NULL, min(a.created_at), min(a.created_at) + interval '14 days',
               'proposal_days', 14, 'days', NULL, NULL, NULL
          FROM allocations a JOIN pledges p ON p.id = a.pledge_id
         WHERE a.status = 'proposed' AND a.round_id IS NOT NULL
         GROUP BY a.round_id, p.donor_id
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
