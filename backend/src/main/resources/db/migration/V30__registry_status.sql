-- The registry over time (建档立卡动态管理): a household's status changes only through a status
-- application (village secretary → township review → county approval → 7-day village notice
-- 公示 → effective), and every step is kept in an append-only history that reads as the
-- household's timeline. The rules of which change is allowed live in one place in the code
-- (org.bangfu.registry.StatusRules); the database keeps the states and the history honest.

-- Statuses: in_poverty (贫困户), new (newly identified, counted as poor), exited (脱贫),
-- returned (返贫), marginal (边缘易致贫户), monitored (脱贫不稳定 / 监测户), removed (清退).
ALTER TABLE households DROP CONSTRAINT households_status_check;
ALTER TABLE households ADD CONSTRAINT households_status_check
    CHECK (status IN ('in_poverty', 'exited', 'returned', 'new', 'marginal', 'monitored', 'removed'));
ALTER TABLE households
    ADD COLUMN identified_year smallint CHECK (identified_year BETWEEN 2000 AND 2100),
    ADD COLUMN exited_year     smallint CHECK (exited_year BETWEEN 2000 AND 2100),
    -- 低保 (minimum living allowance) and 特困 (extreme poverty support): support flags
    ADD COLUMN dibao           boolean NOT NULL DEFAULT false,
    ADD COLUMN tekun           boolean NOT NULL DEFAULT false,
    ADD COLUMN removed_reason  text CHECK (removed_reason IN ('moved', 'deceased', 'wrongly_entered')),
    ADD CONSTRAINT household_removed_has_reason CHECK ((status = 'removed') = (removed_reason IS NOT NULL));
CREATE INDEX households_status ON households (status);

-- A requested status change with its grounds (收入 per head, 两不愁三保障 and which are unmet).
-- state: submitted → reviewed (township) → in_notice (county approved, published) → effective;
-- or rejected at either review. The notice columns are the village notice (公示) of the change.
CREATE TABLE status_applications (
    id              bigserial PRIMARY KEY,
    household_id    bigint      NOT NULL REFERENCES households (id),
    village_id      text        NOT NULL REFERENCES regions (id),
    from_status     text        NOT NULL,
    to_status       text        NOT NULL
        CHECK (to_status IN ('in_poverty', 'exited', 'returned', 'marginal', 'monitored', 'removed')),
    year            smallint    NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    removed_reason  text        CHECK (removed_reason IN ('moved', 'deceased', 'wrongly_entered')),
    dibao           boolean     NOT NULL DEFAULT false,
    tekun           boolean     NOT NULL DEFAULT false,
    income_per_head bigint      NOT NULL CHECK (income_per_head BETWEEN 0 AND 10000000),
    unmet           text[]      NOT NULL DEFAULT '{}'
        CHECK (unmet <@ ARRAY ['food', 'clothing', 'education', 'medical', 'housing']),
    note            text        NOT NULL DEFAULT '' CHECK (char_length(note) <= 2000),
    -- a 回头看 visit that found the household failing (set by review rounds)
    review_visit_id bigint,
    state           text        NOT NULL DEFAULT 'submitted'
        CHECK (state IN ('submitted', 'reviewed', 'in_notice', 'effective', 'rejected')),
    reject_reason   text        CHECK (char_length(reject_reason) BETWEEN 1 AND 1000),
    submitted_by    bigint      REFERENCES users (id),
    submitted_at    timestamptz NOT NULL,
    reviewed_by     bigint      REFERENCES users (id),
    reviewed_at     timestamptz,
    approved_by     bigint      REFERENCES users (id),
    approved_at     timestamptz,
    published_at    timestamptz,
    notice_ends     timestamptz,
    objections      integer     NOT NULL DEFAULT 0 CHECK (objections >= 0),
    effective_at    timestamptz,
    CONSTRAINT application_removal_has_reason CHECK ((to_status = 'removed') = (removed_reason IS NOT NULL)),
    CONSTRAINT application_rejection_has_reason CHECK ((state = 'rejected') = (reject_reason IS NOT NULL)),
    CONSTRAINT application_notice_after_approval CHECK (
        state NOT IN ('in_notice', 'effective') OR (approved_at IS NOT NULL AND notice_ends > published_at)),
    CONSTRAINT exit_without_unmet CHECK (to_status <> 'exited' OR unmet = '{}')
);
-- one open application per household at a time
CREATE UNIQUE INDEX status_applications_one_open ON status_applications (household_id)
    WHERE state IN ('submitted', 'reviewed', 'in_notice');
CREATE INDEX status_applications_queue ON status_applications (state, village_id);
CREATE INDEX status_applications_due ON status_applications (notice_ends) WHERE state = 'in_notice';

-- The history of a household in the registry: every step of every application and every
-- status that took effect, in order. Append-only, like the audit trail.
CREATE TABLE household_status_history (
    id             bigserial PRIMARY KEY,
    household_id   bigint      NOT NULL REFERENCES households (id),
    application_id bigint      REFERENCES status_applications (id),
    step           text        NOT NULL
        CHECK (step IN ('registered', 'submitted', 'reviewed', 'approved', 'rejected', 'effective')),
    from_status    text,
    to_status      text        NOT NULL,
    year           smallint,
    actor_id       bigint      REFERENCES users (id),
    note           text        NOT NULL DEFAULT '' CHECK (char_length(note) <= 2000),
    at             timestamptz NOT NULL
);
CREATE INDEX household_status_history_household ON household_status_history (household_id, at, id);
CREATE INDEX household_status_history_effective ON household_status_history (at) WHERE step IN ('registered', 'effective');

CREATE FUNCTION household_status_history_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'household_status_history is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER household_status_history_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON household_status_history
    FOR EACH STATEMENT EXECUTE FUNCTION household_status_history_append_only();
