-- 防止返贫动态监测和帮扶: households at risk are found through three channels (the household's own
-- report, cadres' visits, departments' warnings), triaged by their county, checked at home,
-- noticed in the village (at least 5 days), reviewed by the township and decided by the county
-- within 15 days of the first lead; a confirmed risk is helped (a need drafted for the village,
-- donors proposed) and closed by rules (风险消除) after its own notice.

-- The income line of monitoring, per province (or a region below it) and year, as dated data:
-- it is set each year (about 1.5 × the poverty line in 2020; one county's ¥6,000 in 2021).
CREATE TABLE monitor_thresholds (
    region_id      text        NOT NULL REFERENCES regions (id),
    year           smallint    NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    income_line    bigint      NOT NULL CHECK (income_line BETWEEN 1 AND 1000000),
    effective_from date        NOT NULL,
    source         text        NOT NULL CHECK (char_length(source) BETWEEN 1 AND 300),
    set_by         bigint      REFERENCES users (id),
    set_at         timestamptz NOT NULL,
    PRIMARY KEY (region_id, year)
);

-- Department warning files (部门预警), one row per file or posted batch, with its figures.
CREATE TABLE monitor_warning_batches (
    id            bigserial PRIMARY KEY,
    county_id     text        NOT NULL REFERENCES regions (id),
    department    text        NOT NULL CHECK (department IN ('medical', 'education', 'emergency', 'civil_affairs',
                                                              'human_resources', 'housing', 'disability', 'other')),
    file_name     text        CHECK (char_length(file_name) BETWEEN 1 AND 200),
    format        text        NOT NULL CHECK (format IN ('csv', 'xlsx', 'json')),
    received_by   bigint      REFERENCES users (id),
    received_at   timestamptz NOT NULL,
    rows_total    integer     NOT NULL DEFAULT 0 CHECK (rows_total >= 0),
    rows_rejected integer     NOT NULL DEFAULT 0 CHECK (rows_rejected >= 0),
    rows_below    integer     NOT NULL DEFAULT 0 CHECK (rows_below >= 0),
    matched       integer     NOT NULL DEFAULT 0 CHECK (matched >= 0),
    new_cases     integer     NOT NULL DEFAULT 0 CHECK (new_cases >= 0),
    joined_cases  integer     NOT NULL DEFAULT 0 CHECK (joined_cases >= 0)
);
CREATE INDEX monitor_warning_batches_county ON monitor_warning_batches (county_id, received_at DESC);

-- A row of a batch that was refused, with the field and the reason (the per-row report).
CREATE TABLE monitor_warning_errors (
    batch_id bigint  NOT NULL REFERENCES monitor_warning_batches (id),
    row_no   integer NOT NULL CHECK (row_no >= 1),
    field    text    NOT NULL CHECK (char_length(field) BETWEEN 1 AND 60),
    code     text    NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,59}$'),
    PRIMARY KEY (batch_id, row_no, field)
);

-- A monitoring case: one person (by the blind index of the ID number) with at most one case open.
-- state: triage → checking → checked → notice → township → county → confirmed → closing → closed;
-- or dismissed (at triage), not_at_risk (at the home check), rejected (by the township or county).
CREATE TABLE monitor_cases (
    id               bigserial PRIMARY KEY,
    county_id        text        NOT NULL REFERENCES regions (id),
    village_id       text        REFERENCES regions (id),
    household_id     bigint      REFERENCES households (id),
    person_digest    bytea       NOT NULL,
    -- a person not in the register: name and sealed ID number and phone (PersonalDataCipher)
    person_name      text        CHECK (char_length(person_name) BETWEEN 1 AND 50),
    person_id_enc    bytea,
    person_phone_enc bytea,
    kind             text        CHECK (kind IN ('unstable', 'marginal', 'sudden')),
    risks            text[]      NOT NULL DEFAULT '{}'
        CHECK (risks <@ ARRAY ['illness', 'disability', 'education', 'disaster', 'accident', 'unemployment',
                               'income_drop', 'spending_jump', 'housing', 'water', 'other']),
    state            text        NOT NULL DEFAULT 'triage'
        CHECK (state IN ('triage', 'dismissed', 'checking', 'checked', 'not_at_risk', 'notice', 'township',
                         'county', 'rejected', 'confirmed', 'closing', 'closed')),
    score            integer     NOT NULL DEFAULT 0,
    leads            integer     NOT NULL DEFAULT 1 CHECK (leads >= 1),
    -- the green channel (绿色通道): help first, the paperwork after, as a debt with its date
    green            boolean     NOT NULL DEFAULT false,
    green_reason     text        CHECK (char_length(green_reason) BETWEEN 1 AND 500),
    paperwork_due    timestamptz,
    opened_at        timestamptz NOT NULL,
    check_due        timestamptz NOT NULL,
    decision_due     timestamptz NOT NULL,
    late_at          timestamptz,
    escalated_to     text        REFERENCES regions (id),
    triaged_by       bigint      REFERENCES users (id),
    triaged_at       timestamptz,
    dismiss_reason   text        CHECK (dismiss_reason IN ('not_at_risk', 'duplicate', 'moved', 'data_error', 'other')),
    checked_by       bigint      REFERENCES users (id),
    checked_at       timestamptz,
    visited_on       date,
    income_per_head  bigint      CHECK (income_per_head BETWEEN 0 AND 10000000),
    income_line      bigint      CHECK (income_line BETWEEN 1 AND 1000000),
    finding          text        CHECK (char_length(finding) BETWEEN 1 AND 2000),
    photo_type       text,
    photo            bytea,
    notice_id        bigint      REFERENCES notices (id),
    township_by      bigint      REFERENCES users (id),
    township_at      timestamptz,
    decided_by       bigint      REFERENCES users (id),
    decided_at       timestamptz,
    decision_note    text        CHECK (char_length(decision_note) BETWEEN 1 AND 1000),
    from_status      text,
    need_id          bigint      REFERENCES needs (id),
    help_confirmed_at timestamptz,
    first_help_at    timestamptz,
    closure_notice_id bigint     REFERENCES notices (id),
    closure_income   bigint      CHECK (closure_income BETWEEN 0 AND 10000000),
    closure_note     text        CHECK (char_length(closure_note) BETWEEN 1 AND 2000),
    closed_at        timestamptz,
    CONSTRAINT case_dismissed_reason CHECK ((state = 'dismissed') = (dismiss_reason IS NOT NULL)),
    CONSTRAINT case_green_reason CHECK (green = (green_reason IS NOT NULL) AND green = (paperwork_due IS NOT NULL)),
    CONSTRAINT case_person CHECK (household_id IS NOT NULL OR person_name IS NOT NULL),
    CONSTRAINT case_photo_whole CHECK ((photo IS NULL) = (photo_type IS NULL)),
    CONSTRAINT case_photo_size CHECK (octet_length(photo) <= 5242880),
    CONSTRAINT case_decided CHECK (state NOT IN ('confirmed', 'closing', 'closed') OR (decided_at IS NOT NULL AND kind IS NOT NULL)),
    CONSTRAINT case_clock CHECK (check_due > opened_at AND decision_due > opened_at)
);
-- de-duplication: one open case per person, whatever the channel
CREATE UNIQUE INDEX monitor_cases_one_open ON monitor_cases (person_digest)
    WHERE state NOT IN ('dismissed', 'not_at_risk', 'rejected', 'closed');
CREATE INDEX monitor_cases_queue ON monitor_cases (county_id, state, score DESC, id);
CREATE INDEX monitor_cases_village ON monitor_cases (village_id, state);
CREATE INDEX monitor_cases_household ON monitor_cases (household_id);
CREATE INDEX monitor_cases_due ON monitor_cases (decision_due)
    WHERE late_at IS NULL AND state IN ('triage', 'checking', 'checked', 'notice', 'township', 'county');

-- A lead (线索) into a case: from the household itself, a cadre's visit (八必访) or a department's
-- warning; several leads about one person join its open case. detail may hold health details and
-- is never public.
CREATE TABLE monitor_leads (
    id           bigserial PRIMARY KEY,
    case_id      bigint      NOT NULL REFERENCES monitor_cases (id),
    channel      text        NOT NULL CHECK (channel IN ('self_report', 'cadre', 'department')),
    department   text        CHECK (department IN ('medical', 'education', 'emergency', 'civil_affairs',
                                                   'human_resources', 'housing', 'disability', 'other')),
    batch_id     bigint      REFERENCES monitor_warning_batches (id),
    row_no       integer,
    visit_reason text        CHECK (visit_reason IN ('low_income', 'illness', 'tekun_alone', 'new_dibao',
                                                     'disability', 'schooling', 'unstable_work', 'disaster')),
    risk         text        NOT NULL CHECK (risk IN ('illness', 'disability', 'education', 'disaster', 'accident',
                                                      'unemployment', 'income_drop', 'spending_jump', 'housing',
                                                      'water', 'other')),
    amount       bigint      CHECK (amount BETWEEN 0 AND 100000000),
    detail       text        CHECK (char_length(detail) <= 1000),
    reported_by  bigint      REFERENCES users (id),
    received_at  timestamptz NOT NULL,
    CONSTRAINT lead_department CHECK ((channel = 'department') = (department IS NOT NULL)),
    CONSTRAINT lead_cadre_reason CHECK (channel = 'cadre' OR visit_reason IS NULL)
);
CREATE INDEX monitor_leads_case ON monitor_leads (case_id, received_at);
CREATE INDEX monitor_leads_batch ON monitor_leads (batch_id, row_no) WHERE batch_id IS NOT NULL;
CREATE INDEX monitor_leads_received ON monitor_leads (received_at);

-- A household's own report (自主申报), made without an account: its tracking number and the digest
-- of its secret (the reporter keeps the secret), the digest of the address it came from (the
-- daily limit).
CREATE TABLE monitor_self_reports (
    id              bigserial PRIMARY KEY,
    tracking_number text        NOT NULL UNIQUE CHECK (tracking_number ~ '^JC-[0-9]{8}-[0-9A-Z]{8}$'),
    secret_digest   bytea       NOT NULL,
    address_digest  bytea       NOT NULL,
    lead_id         bigint      NOT NULL REFERENCES monitor_leads (id),
    filed_at        timestamptz NOT NULL
);
CREATE INDEX monitor_self_reports_address ON monitor_self_reports (address_digest, filed_at);

-- A case's steps in order (its timeline), append-only.
CREATE TABLE monitor_case_events (
    id       bigserial PRIMARY KEY,
    case_id  bigint      NOT NULL REFERENCES monitor_cases (id),
    step     text        NOT NULL CHECK (step ~ '^[a-z][a-z_]{1,39}$'),
    actor_id bigint      REFERENCES users (id),
    note     text        NOT NULL DEFAULT '' CHECK (char_length(note) <= 2000),
    at       timestamptz NOT NULL
);
CREATE INDEX monitor_case_events_case ON monitor_case_events (case_id, at, id);
CREATE FUNCTION monitor_case_events_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'monitor_case_events is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER monitor_case_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON monitor_case_events
    FOR EACH STATEMENT EXECUTE FUNCTION monitor_case_events_append_only();

-- The donors a confirmed risk is proposed to, first the household's hometown and paired donors,
-- with the reasons (matching.model.Affinity) and the words: drafted with the need, sent when the
-- village's secretary confirms it.
CREATE TABLE monitor_proposals (
    id        bigserial PRIMARY KEY,
    case_id   bigint      NOT NULL REFERENCES monitor_cases (id),
    need_id   bigint      NOT NULL REFERENCES needs (id),
    donor_id  bigint      NOT NULL REFERENCES donors (id),
    rank      integer     NOT NULL CHECK (rank >= 1),
    reasons   text[]      NOT NULL,
    words     text        NOT NULL CHECK (char_length(words) BETWEEN 1 AND 500),
    state     text        NOT NULL DEFAULT 'drafted' CHECK (state IN ('drafted', 'sent', 'withdrawn')),
    sent_at   timestamptz,
    UNIQUE (case_id, donor_id)
);
CREATE INDEX monitor_proposals_donor ON monitor_proposals (donor_id, state);

-- the history of a household may name the monitoring case that changed it
ALTER TABLE household_status_history ADD COLUMN case_id bigint REFERENCES monitor_cases (id);
