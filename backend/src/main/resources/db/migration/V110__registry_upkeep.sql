-- The register kept in the web: every change of a household's status goes through an
-- application and the one public notice (notices, with objections); a household enters the
-- register as an applicant whose identification is such an application; 两不愁三保障 gaps (and
-- safe drinking water) are records opened and closed with evidence; 回头看 visits carry a photo;
-- cadres and 第一书记 are appointed with the unit that sends them (挂钩帮扶单位); a village's exit
-- (摘帽) passes its own notice before it takes effect.

-- applicant: registered, its identification under way (not counted as poor, not yet anything);
-- cleared: a monitored household whose risk was eliminated (风险消除)
ALTER TABLE households DROP CONSTRAINT households_status_check;
ALTER TABLE households ADD CONSTRAINT households_status_check
    CHECK (status IN ('applicant', 'in_poverty', 'exited', 'returned', 'new', 'marginal', 'monitored',
                      'cleared', 'removed'));

-- water: 饮水安全, the fourth guarantee of the monitoring years (两不愁三保障及饮水安全)
ALTER TABLE households DROP CONSTRAINT households_gaps_check;
ALTER TABLE households ADD CONSTRAINT households_gaps_check
    CHECK (gaps <@ ARRAY ['food', 'clothing', 'education', 'medical', 'housing', 'water']);
ALTER TABLE status_applications DROP CONSTRAINT status_applications_unmet_check;
ALTER TABLE status_applications ADD CONSTRAINT status_applications_unmet_check
    CHECK (unmet <@ ARRAY ['food', 'clothing', 'education', 'medical', 'housing', 'water']);
ALTER TABLE review_visits DROP CONSTRAINT review_visits_unmet_check;
ALTER TABLE review_visits ADD CONSTRAINT review_visits_unmet_check
    CHECK (unmet <@ ARRAY ['food', 'clothing', 'education', 'medical', 'housing', 'water']);

-- A status change is published as a public notice (kind household_status); the application
-- keeps which notice, and mirrors its window for its own pages. A notice may be withdrawn when an
-- objection is founded: the application is then rejected.
ALTER TABLE status_applications ADD COLUMN notice_id bigint REFERENCES notices (id);
CREATE UNIQUE INDEX status_applications_notice ON status_applications (notice_id) WHERE notice_id IS NOT NULL;
-- the household's entry into the register (from applicant)
ALTER TABLE status_applications ADD COLUMN registration boolean NOT NULL DEFAULT false;

ALTER TABLE notices DROP CONSTRAINT notices_status_check;
ALTER TABLE notices ADD CONSTRAINT notices_status_check CHECK (status IN ('open', 'held', 'closed', 'withdrawn'));
ALTER TABLE notices DROP CONSTRAINT notice_closed_at;
ALTER TABLE notices ADD CONSTRAINT notice_closed_at CHECK ((status IN ('closed', 'withdrawn')) = (closed_at IS NOT NULL));
ALTER TABLE notices ADD COLUMN withdrawn_reason text CHECK (char_length(withdrawn_reason) BETWEEN 1 AND 1000);
ALTER TABLE notices ADD CONSTRAINT notice_withdrawn_reason CHECK ((status = 'withdrawn') = (withdrawn_reason IS NOT NULL));

-- the steps of a household's history: a withdrawn notice rejects its application; a monitoring
-- case confirms (监测对象) and clears (风险消除) a household
ALTER TABLE household_status_history DROP CONSTRAINT household_status_history_step_check;
ALTER TABLE household_status_history ADD CONSTRAINT household_status_history_step_check
    CHECK (step IN ('registered', 'submitted', 'reviewed', 'approved', 'rejected', 'effective', 'withdrawn',
                    'monitor_confirmed', 'risk_cleared'));

-- 两不愁三保障 (and water) gaps, one record each: opened with what is wrong, closed with what was
-- done and its evidence (a note, and a photo or document). households.gaps is kept equal to the
-- open records' gaps in the same transaction.
CREATE TABLE household_gaps (
    id              bigserial PRIMARY KEY,
    household_id    bigint      NOT NULL REFERENCES households (id),
    gap             text        NOT NULL CHECK (gap IN ('food', 'clothing', 'education', 'medical', 'housing', 'water')),
    found           text        NOT NULL CHECK (char_length(found) BETWEEN 1 AND 1000),
    opened_by       bigint      REFERENCES users (id),
    opened_at       timestamptz NOT NULL,
    closed_note     text        CHECK (char_length(closed_note) BETWEEN 1 AND 2000),
    evidence_name   text        CHECK (char_length(evidence_name) BETWEEN 1 AND 200),
    evidence_type   text,
    evidence        bytea,
    closed_by       bigint      REFERENCES users (id),
    closed_at       timestamptz,
    CONSTRAINT gap_closed_with_evidence CHECK ((closed_at IS NULL) = (closed_note IS NULL)),
    CONSTRAINT gap_evidence_whole CHECK ((evidence IS NULL) = (evidence_type IS NULL) AND (evidence IS NULL) = (evidence_name IS NULL)),
    CONSTRAINT gap_evidence_size CHECK (octet_length(evidence) <= 5242880)
);
CREATE UNIQUE INDEX household_gaps_one_open ON household_gaps (household_id, gap) WHERE closed_at IS NULL;
CREATE INDEX household_gaps_household ON household_gaps (household_id, id);

-- households.gaps follows the open records, whoever writes them
CREATE FUNCTION household_gaps_follow() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE households h
       SET gaps = ARRAY(SELECT DISTINCT g.gap FROM household_gaps g
                         WHERE g.household_id = h.id AND g.closed_at IS NULL ORDER BY g.gap)
     WHERE h.id IN (SELECT DISTINCT household_id FROM changed);
    RETURN NULL;
END
$$;
CREATE TRIGGER household_gaps_follow_insert AFTER INSERT ON household_gaps
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION household_gaps_follow();
CREATE TRIGGER household_gaps_follow_update AFTER UPDATE ON household_gaps
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION household_gaps_follow();

-- the gaps a household was registered with before gap records existed become records
INSERT INTO household_gaps (household_id, gap, found, opened_at)
SELECT h.id, g, '建档时登记', h.created_at FROM households h, unnest(h.gaps) AS g;

-- 回头看: a visit's photo (JPEG, PNG or WebP, ≤ 5 MB)
ALTER TABLE review_visits
    ADD COLUMN photo_type text,
    ADD COLUMN photo      bytea,
    ADD CONSTRAINT review_visit_photo_whole CHECK ((photo IS NULL) = (photo_type IS NULL)),
    ADD CONSTRAINT review_visit_photo_size CHECK (octet_length(photo) <= 5242880);

-- 挂钩帮扶单位: the units that send cadres and 第一书记 (市委组织部, 市农业局, 县直单位 …)
CREATE TABLE help_units (
    id         bigserial PRIMARY KEY,
    name       text        NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 100),
    level      text        NOT NULL CHECK (level IN ('province', 'city', 'county', 'township')),
    region_id  text        NOT NULL REFERENCES regions (id),
    created_by bigint      REFERENCES users (id),
    created_at timestamptz NOT NULL
);
CREATE INDEX help_units_region ON help_units (region_id);

-- a cadre's sending unit and term; a 第一书记 is one per village while serving (a successor may be
-- appointed once the term of the one before has ended)
ALTER TABLE cadres
    ADD COLUMN unit_id      bigint REFERENCES help_units (id),
    ADD COLUMN appointed_on date,
    ADD COLUMN ended_on     date,
    ADD CONSTRAINT cadre_term CHECK (ended_on IS NULL OR appointed_on IS NULL OR ended_on >= appointed_on);
DROP INDEX cadres_one_first_secretary;
CREATE UNIQUE INDEX cadres_one_first_secretary ON cadres (first_secretary_of)
    WHERE first_secretary_of IS NOT NULL AND ended_on IS NULL;
CREATE INDEX cadres_unit ON cadres (unit_id);

-- 摘帽 passes its own notice (kind village_exit) before it takes effect; a withdrawn one (an
-- objection founded) leaves room for a later decision
ALTER TABLE village_exits DROP CONSTRAINT village_exits_pkey;
ALTER TABLE village_exits
    ADD COLUMN id           bigserial PRIMARY KEY,
    ADD COLUMN notice_id    bigint REFERENCES notices (id),
    ADD COLUMN state        text NOT NULL DEFAULT 'effective' CHECK (state IN ('in_notice', 'effective', 'withdrawn')),
    ADD COLUMN effective_at timestamptz;
UPDATE village_exits SET effective_at = decided_at;
ALTER TABLE village_exits ADD CONSTRAINT village_exit_effective CHECK ((state = 'effective') = (effective_at IS NOT NULL));
CREATE UNIQUE INDEX village_exits_one ON village_exits (village_id) WHERE state <> 'withdrawn';
