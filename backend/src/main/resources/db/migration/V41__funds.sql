-- Fiscal fund programmes (资金项目计划) and projects (项目), and the money's path through them:
-- programme budget → project allocation → disbursement (拨付) → acceptance (验收).
--
-- Every counter is checked against its ceiling here, whatever the application does:
--   programme: allocated ≤ budget, disbursed ≤ allocated
--   project:   allocated ≤ budget, disbursed ≤ allocated
--   source (one programme's share of one project): disbursed ≤ amount
-- The counters move only in org.bangfu.funds.FundLedger, with row locks in one fixed order.
CREATE TABLE fund_programmes (
    id                 bigserial PRIMARY KEY,
    name               text          NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    -- who pays: city, province or county finance, a paired coastal county (山海协作对口资金),
    -- or a donor campaign
    source             text          NOT NULL
        CHECK (source IN ('city', 'province', 'county', 'paired_county', 'campaign')),
    -- the paying unit (a county for county finance and for a coastal county), when there is one
    source_region_id   text          REFERENCES regions (id),
    campaign_id        bigint        REFERENCES campaigns (id),
    category           need_category NOT NULL,
    year               integer       NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    budget             bigint        NOT NULL CHECK (budget BETWEEN 1 AND 1000000000000),
    allocated          bigint        NOT NULL DEFAULT 0,
    disbursed          bigint        NOT NULL DEFAULT 0,
    -- who may receive it: villages of a kind (all, poor, key, help villages of a dispatcher),
    -- or registered households of a status; within eligible_counties when that is not empty
    eligibility        text          NOT NULL
        CHECK (eligibility IN ('any', 'poor_villages', 'key_villages', 'help_villages', 'households')),
    eligible_counties  text[]        NOT NULL DEFAULT '{}',
    dispatched_by      text          CHECK (dispatched_by IN ('city', 'province', 'county')),
    household_statuses text[]        NOT NULL DEFAULT '{}'
        CHECK (household_statuses <@ ARRAY ['in_poverty', 'exited', 'returned', 'new', 'marginal']),
    -- the spending schedule (supervision compares what was disbursed with the time gone by)
    starts_on          date          NOT NULL,
    ends_on            date          NOT NULL,
    description        text          NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
    created_by         bigint        REFERENCES users (id),
    created_at         timestamptz   NOT NULL,
    CONSTRAINT programme_not_over_allocated CHECK (allocated BETWEEN 0 AND budget),
    CONSTRAINT programme_not_over_disbursed CHECK (disbursed BETWEEN 0 AND allocated),
    CONSTRAINT programme_campaign CHECK ((source = 'campaign') = (campaign_id IS NOT NULL)),
    CONSTRAINT programme_paired_county CHECK (source <> 'paired_county' OR source_region_id IS NOT NULL),
    CONSTRAINT programme_schedule CHECK (ends_on >= starts_on)
);
CREATE INDEX fund_programmes_year ON fund_programmes (year, id);

CREATE TABLE fund_projects (
    id             bigserial PRIMARY KEY,
    name           text          NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    -- a village, or a county for a paired county's projects (产业园区共建)
    region_id      text          NOT NULL REFERENCES regions (id),
    household_id   bigint        REFERENCES households (id),
    category       need_category NOT NULL,
    budget         bigint        NOT NULL CHECK (budget BETWEEN 1 AND 1000000000000),
    allocated      bigint        NOT NULL DEFAULT 0,
    disbursed      bigint        NOT NULL DEFAULT 0,
    implementer    text          NOT NULL CHECK (char_length(implementer) BETWEEN 1 AND 200),
    procurement    text          NOT NULL
        CHECK (procurement IN ('public_tender', 'invited_tender', 'competitive_negotiation', 'inquiry',
                               'single_source', 'self_built')),
    planned_start  date          NOT NULL,
    planned_end    date          NOT NULL,
    description    text          NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
    status         text          NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'approved', 'in_progress', 'accepted')),
    progress       integer       NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    created_by     bigint        REFERENCES users (id),
    created_at     timestamptz   NOT NULL,
    approved_at    timestamptz,
    accepted_at    timestamptz,
    acceptance_note text         CHECK (char_length(acceptance_note) <= 2000),
    last_report_at timestamptz,
    CONSTRAINT project_not_over_budget CHECK (allocated BETWEEN 0 AND budget),
    CONSTRAINT project_not_over_disbursed CHECK (disbursed BETWEEN 0 AND allocated),
    CONSTRAINT project_dates CHECK (planned_end >= planned_start),
    CONSTRAINT project_approved CHECK (status = 'planned' OR approved_at IS NOT NULL),
    CONSTRAINT project_accepted CHECK ((status = 'accepted') = (accepted_at IS NOT NULL))
);
CREATE INDEX fund_projects_region ON fund_projects (region_id, id);
CREATE INDEX fund_projects_status ON fund_projects (status, id);

-- One programme's share of one project (the project allocation) and what was paid of it.
CREATE TABLE fund_project_sources (
    project_id   bigint NOT NULL REFERENCES fund_projects (id),
    programme_id bigint NOT NULL REFERENCES fund_programmes (id),
    amount       bigint NOT NULL CHECK (amount BETWEEN 1 AND 1000000000000),
    disbursed    bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, programme_id),
    CONSTRAINT source_not_over_disbursed CHECK (disbursed BETWEEN 0 AND amount)
);
CREATE INDEX fund_project_sources_programme ON fund_project_sources (programme_id);

-- 拨付: money paid from a programme to a project.
CREATE TABLE fund_disbursements (
    id           bigserial PRIMARY KEY,
    project_id   bigint      NOT NULL,
    programme_id bigint      NOT NULL,
    amount       bigint      NOT NULL CHECK (amount BETWEEN 1 AND 1000000000000),
    note         text        NOT NULL DEFAULT '' CHECK (char_length(note) <= 1000),
    at           timestamptz NOT NULL,
    by_user      bigint      REFERENCES users (id),
    FOREIGN KEY (project_id, programme_id) REFERENCES fund_project_sources (project_id, programme_id)
);
CREATE INDEX fund_disbursements_project ON fund_disbursements (project_id, id);

-- Progress reports (with photos) from the village.
CREATE TABLE fund_progress_reports (
    id         bigserial PRIMARY KEY,
    project_id bigint      NOT NULL REFERENCES fund_projects (id),
    percent    integer     NOT NULL CHECK (percent BETWEEN 0 AND 100),
    note       text        NOT NULL CHECK (char_length(note) BETWEEN 1 AND 2000),
    at         timestamptz NOT NULL,
    by_user    bigint      REFERENCES users (id)
);
CREATE INDEX fund_progress_reports_project ON fund_progress_reports (project_id, id);

CREATE TABLE fund_progress_photos (
    id           bigserial PRIMARY KEY,
    report_id    bigint  NOT NULL REFERENCES fund_progress_reports (id),
    name         text    NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    content_type text    NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    size         integer NOT NULL CHECK (size BETWEEN 1 AND 5242880),
    data         bytea   NOT NULL
);
CREATE INDEX fund_progress_photos_report ON fund_progress_photos (report_id);
