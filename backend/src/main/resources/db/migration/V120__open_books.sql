-- Open books: proof of delivery by sample (抽查核实), the 10.17 poverty-alleviation day's pledge
-- walls (扶贫日) and the daily dump of the open-data feed. docs/open-data.md explains them.

-- A random sample of verified allocations, drawn each month (the allocations verified in the
-- month before) and for each match round (its verified allocations, once the round is settled).
-- The seed is recorded, so anyone can draw the same sample again from the published frame.
CREATE TABLE delivery_samples (
    id          bigserial PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('month', 'round')),
    -- '2018-09' for a month, the round's id for a round
    period      text        NOT NULL CHECK (char_length(period) BETWEEN 1 AND 20),
    round_id    bigint      REFERENCES match_rounds (id),
    -- a month's frame: allocations verified in [frame_from, frame_until)
    frame_from  timestamptz,
    frame_until timestamptz,
    population  integer     NOT NULL CHECK (population >= 0),
    size        integer     NOT NULL CHECK (size >= 0 AND size <= population),
    seed        text        NOT NULL CHECK (seed ~ '^[0-9a-f]{32}$'),
    confidence  numeric     NOT NULL CHECK (confidence > 0 AND confidence < 1),
    margin      numeric     NOT NULL CHECK (margin > 0 AND margin < 1),
    drawn_at    timestamptz NOT NULL,
    UNIQUE (kind, period),
    CONSTRAINT sample_round CHECK ((kind = 'round') = (round_id IS NOT NULL)),
    CONSTRAINT sample_month_frame CHECK (kind <> 'month' OR (frame_from IS NOT NULL AND frame_until > frame_from))
);

-- One sampled allocation, checked with the village or the household by someone other than the
-- receiving village (the township's or county's reviewers, or an auditor). "not_received" opens a
-- case on the report desk in the same transaction (report_id).
CREATE TABLE delivery_checks (
    id            bigserial PRIMARY KEY,
    sample_id     bigint      NOT NULL REFERENCES delivery_samples (id),
    allocation_id bigint      NOT NULL REFERENCES allocations (id),
    -- where it is checked from: the village's township and county
    township_id   text        NOT NULL REFERENCES regions (id),
    county_id     text        REFERENCES regions (id),
    -- the allocation's place in the drawing order (1 = drawn first)
    rank          integer     NOT NULL CHECK (rank >= 1),
    status        text        NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'received', 'not_received', 'problems')),
    note          text        CHECK (char_length(note) <= 2000),
    answered_by   bigint      REFERENCES users (id),
    answered_at   timestamptz,
    report_id     bigint      REFERENCES reports (id),
    UNIQUE (sample_id, allocation_id),
    UNIQUE (sample_id, rank),
    CONSTRAINT check_answered CHECK ((status = 'pending') = (answered_at IS NULL AND answered_by IS NULL)),
    CONSTRAINT check_not_received_opens_case CHECK ((status = 'not_received') = (report_id IS NOT NULL)),
    CONSTRAINT check_problems_described CHECK (status NOT IN ('not_received', 'problems') OR note IS NOT NULL)
);
CREATE INDEX delivery_checks_allocation ON delivery_checks (allocation_id);
CREATE INDEX delivery_checks_queue ON delivery_checks (status, county_id, id);
CREATE INDEX delivery_checks_report ON delivery_checks (report_id) WHERE report_id IS NOT NULL;

-- 扶贫日: a campaign of the 10.17 kind has a day and a target in yuan; its public pledge wall
-- shows the target and the pledges as they come.
CREATE TABLE pledge_days (
    campaign_id bigint      PRIMARY KEY REFERENCES campaigns (id),
    day         date        NOT NULL,
    target_cny  bigint      NOT NULL CHECK (target_cny BETWEEN 1 AND 1000000000000),
    created_by  bigint      REFERENCES users (id),
    created_at  timestamptz NOT NULL
);

-- The daily dump of the open-data feed (360Giving JSON, gzip), made by a scheduled job.
CREATE TABLE open_data_dumps (
    day     date        PRIMARY KEY,
    grants  integer     NOT NULL CHECK (grants >= 0),
    sha256  text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size    integer     NOT NULL CHECK (size >= 0),
    gzip    bytea       NOT NULL,
    made_at timestamptz NOT NULL
);

