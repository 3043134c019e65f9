-- The marketplace (issue 4): households, enrolments and pairings, needs, pledges,
-- allocations with history and evidence, match rounds, village caps and the audit trail.
--
-- Money invariants live here as well as in the code: every counter that a claim or a round
-- moves (need.allocated, pledge.allocated, village_caps.allocated) is checked against its
-- ceiling by a CHECK, so no interleaving of transactions can over-allocate, whatever the
-- application does. The counters are changed in the same transaction as the allocation rows.

-- 建档立卡 registered households. ID number, phone and exact address are AES-GCM ciphertext
-- (org.bangfu.privacy.PersonalDataCipher); id_number_digest is an HMAC of the ID number so
-- the same person cannot be registered twice without storing the number in clear.
CREATE TABLE households (
    id               bigserial PRIMARY KEY,
    village_id       text        NOT NULL REFERENCES regions (id),
    head_name        text        NOT NULL CHECK (char_length(head_name) BETWEEN 1 AND 50),
    id_number_enc    bytea       NOT NULL,
    id_number_digest bytea       NOT NULL UNIQUE,
    phone_enc        bytea,
    address_enc      bytea,
    status           text        NOT NULL
        CHECK (status IN ('in_poverty', 'exited', 'returned', 'new', 'marginal')),
    members          integer     NOT NULL CHECK (members BETWEEN 1 AND 30),
    labour_capacity  integer     NOT NULL CHECK (labour_capacity BETWEEN 0 AND 30),
    gaps             text[]      NOT NULL DEFAULT '{}'
        CHECK (gaps <@ ARRAY ['food', 'clothing', 'education', 'medical', 'housing']),
    linked_cadre     text        CHECK (char_length(linked_cadre) <= 50),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (labour_capacity <= members)
);
CREATE INDEX households_village ON households (village_id, id);

-- A donor's enrolment in a campaign, and the villages it pairs with (e.g. 百企帮百村).
CREATE TABLE campaign_enrolments (
    campaign_id bigint      NOT NULL REFERENCES campaigns (id),
    donor_id    bigint      NOT NULL REFERENCES donors (id),
    enrolled_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (campaign_id, donor_id)
);
CREATE INDEX campaign_enrolments_donor ON campaign_enrolments (donor_id);

CREATE TABLE campaign_pairings (
    campaign_id bigint      NOT NULL,
    donor_id    bigint      NOT NULL,
    village_id  text        NOT NULL REFERENCES regions (id),
    paired_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (campaign_id, donor_id, village_id),
    FOREIGN KEY (campaign_id, donor_id) REFERENCES campaign_enrolments (campaign_id, donor_id)
);
CREATE INDEX campaign_pairings_village ON campaign_pairings (village_id);
CREATE INDEX campaign_pairings_donor ON campaign_pairings (donor_id);

-- Units: CNY (whole yuan), job, training-place, item:<what>. Amounts are bigint with CHECKs
-- 1..10^12 (not a domain: the PostgreSQL client binds parameters of domain types as text).
CREATE DOMAIN unit_name AS text
    CHECK (VALUE IN ('CNY', 'job', 'training-place') OR VALUE ~ '^item:[a-z0-9][a-z0-9-]{0,39}$');
CREATE DOMAIN need_category AS text
    CHECK (VALUE IN ('industry', 'employment', 'relocation', 'housing', 'education', 'health',
                     'ecology', 'training', 'microcredit', 'ecommerce', 'tourism', 'collective',
                     'infrastructure', 'public_service'));

CREATE TABLE needs (
    id            bigserial PRIMARY KEY,
    village_id    text          NOT NULL REFERENCES regions (id),
    household_id  bigint        REFERENCES households (id),
    category      need_category NOT NULL,
    unit          unit_name     NOT NULL,
    quantity      bigint        NOT NULL CHECK (quantity BETWEEN 1 AND 1000000000000),
    -- what active allocations (proposed .. verified) hold; declined/expired ones hold nothing
    allocated     bigint        NOT NULL DEFAULT 0,
    priority      smallint      NOT NULL CHECK (priority BETWEEN 1 AND 5),
    deadline      date,
    title         text          NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    description   text          NOT NULL DEFAULT '' CHECK (char_length(description) <= 5000),
    status        text          NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'submitted', 'published', 'rejected', 'partly_allocated',
                          'allocated', 'fulfilled', 'verified', 'expired', 'withdrawn')),
    reject_reason text          CHECK (char_length(reject_reason) <= 1000),
    created_by    bigint        REFERENCES users (id),
    created_at    timestamptz   NOT NULL DEFAULT now(),
    updated_at    timestamptz   NOT NULL DEFAULT now(),
    published_at  timestamptz,
    CONSTRAINT need_not_over_allocated CHECK (allocated BETWEEN 0 AND quantity),
    CONSTRAINT need_rejection_has_reason CHECK (status <> 'rejected' OR reject_reason IS NOT NULL)
);
CREATE INDEX needs_browse ON needs (priority DESC, deadline ASC NULLS LAST, id);
CREATE INDEX needs_village ON needs (village_id, status);
CREATE INDEX needs_status ON needs (status);

CREATE TABLE pledges (
    id           bigserial PRIMARY KEY,
    donor_id     bigint      NOT NULL REFERENCES donors (id),
    campaign_id  bigint      REFERENCES campaigns (id),
    unit         unit_name   NOT NULL,
    quantity     bigint      NOT NULL CHECK (quantity BETWEEN 1 AND 1000000000000),
    allocated    bigint      NOT NULL DEFAULT 0,
    categories   text[]      NOT NULL DEFAULT '{}',
    scope        text[]      NOT NULL DEFAULT '{}',
    max_per_need bigint      CHECK (max_per_need BETWEEN 1 AND 1000000000000),
    expires      date,
    mode         text        NOT NULL CHECK (mode IN ('pooled', 'earmarked')),
    note         text        NOT NULL DEFAULT '' CHECK (char_length(note) <= 2000),
    status       text        NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'exhausted', 'expired', 'withdrawn')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pledge_not_over_allocated CHECK (allocated BETWEEN 0 AND quantity),
    CONSTRAINT pledge_categories_known CHECK (categories <@ ARRAY [
        'industry', 'employment', 'relocation', 'housing', 'education', 'health', 'ecology',
        'training', 'microcredit', 'ecommerce', 'tourism', 'collective', 'infrastructure',
        'public_service'])
);
CREATE INDEX pledges_donor ON pledges (donor_id, id);
CREATE INDEX pledges_status ON pledges (status, mode);

-- At most max units of unit go to the needs of a village (e.g. the 500,000 yuan of a
-- city-dispatched help village); allocated is moved with the need and pledge counters.
CREATE TABLE village_caps (
    village_id text        NOT NULL REFERENCES regions (id),
    unit       unit_name   NOT NULL,
    max        bigint      NOT NULL CHECK (max BETWEEN 1 AND 1000000000000),
    allocated  bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (village_id, unit),
    CONSTRAINT cap_not_exceeded CHECK (allocated BETWEEN 0 AND max)
);

CREATE TABLE match_rounds (
    id               bigserial PRIMARY KEY,
    campaign_id      bigint      REFERENCES campaigns (id),
    round_date       date,
    status           text        NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    started_by       bigint      REFERENCES users (id),
    started_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    objective        bigint,
    allocation_count integer     NOT NULL DEFAULT 0,
    amount_proposed  jsonb       NOT NULL DEFAULT '{}',
    needs_touched    integer     NOT NULL DEFAULT 0,
    pledges_touched  integer     NOT NULL DEFAULT 0,
    error            text
);
-- The cluster-wide lock: at most one round runs at any time, on any node.
CREATE UNIQUE INDEX match_rounds_one_running ON match_rounds ((true)) WHERE status = 'running';

CREATE TABLE allocations (
    id           bigserial PRIMARY KEY,
    need_id      bigint      NOT NULL REFERENCES needs (id),
    pledge_id    bigint      NOT NULL REFERENCES pledges (id),
    round_id     bigint      REFERENCES match_rounds (id),
    source       text        NOT NULL CHECK (source IN ('claim', 'round')),
    unit         unit_name   NOT NULL,
    quantity     bigint      NOT NULL CHECK (quantity BETWEEN 1 AND 1000000000000),
    reasons      text[]      NOT NULL DEFAULT '{}',
    status       text        NOT NULL
        CHECK (status IN ('proposed', 'confirmed', 'declined', 'delivered', 'received',
                          'verified', 'expired')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    confirmed_at timestamptz,
    delivered_at timestamptz,
    received_at  timestamptz,
    verified_at  timestamptz,
    CONSTRAINT allocation_round_source CHECK ((source = 'round') = (round_id IS NOT NULL))
);
CREATE INDEX allocations_need ON allocations (need_id);
CREATE INDEX allocations_pledge ON allocations (pledge_id);
CREATE INDEX allocations_round ON allocations (round_id);
CREATE INDEX allocations_status ON allocations (status);

CREATE TABLE allocation_history (
    id            bigserial PRIMARY KEY,
    allocation_id bigint      NOT NULL REFERENCES allocations (id),
    status        text        NOT NULL,
    at            timestamptz NOT NULL DEFAULT now(),
    by_user       bigint      REFERENCES users (id),
    note          text
);
CREATE INDEX allocation_history_allocation ON allocation_history (allocation_id, id);

-- Evidence of delivery and receipt: text notes and attachments (≤ 5 MB each).
CREATE TABLE allocation_evidence (
    id            bigserial PRIMARY KEY,
    allocation_id bigint      NOT NULL REFERENCES allocations (id),
    n             integer     NOT NULL CHECK (n >= 1),
    stage         text        NOT NULL CHECK (stage IN ('delivered', 'received')),
    note          text        CHECK (char_length(note) <= 5000),
    name          text        CHECK (char_length(name) <= 200),
    content_type  text        CHECK (char_length(content_type) <= 100),
    size          integer     CHECK (size BETWEEN 0 AND 5242880),
    data          bytea,
    by_user       bigint      REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (allocation_id, n)
);

-- The audit trail: append-only, each row chained to the one before by a SHA-256 hash, so
-- editing or deleting any row breaks the chain from there on (tamper evidence). The chain is
-- computed here, not in the application, under a transaction-scoped advisory lock that
-- serialises appends; the id is taken after the lock so id order is chain order.
CREATE TABLE audit_log (
    id        bigint      PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    actor_id  bigint,
    actor     text        NOT NULL,
    role      text        NOT NULL,
    entity    text        NOT NULL,
    entity_id text        NOT NULL,
    action    text        NOT NULL,
    before    jsonb,
    after     jsonb,
    prev_hash text        NOT NULL,
    hash      text        NOT NULL
);
CREATE SEQUENCE audit_log_id_seq OWNED BY audit_log.id;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);

CREATE FUNCTION audit_log_row_hash(prev text, r audit_log) RETURNS text
    LANGUAGE sql IMMUTABLE AS
$$
SELECT encode(sha256(convert_to(concat_ws('|', prev, r.id::text,
                                          to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                                          coalesce(r.actor_id::text, ''), r.actor, r.role, r.entity,
                                          r.entity_id, r.action, coalesce(r.before::text, 'null'),
                                          coalesce(r.after::text, 'null')), 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_log_chain() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_advisory_xact_lock(4242001);
    NEW.id := nextval('audit_log_id_seq');
    NEW.at := clock_timestamp();
    NEW.prev_hash := coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), 'genesis');
    NEW.hash := audit_log_row_hash(NEW.prev_hash, NEW);
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

CREATE FUNCTION audit_log_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
