-- 回头看: a county's yearly review of its exited households. Opening a round fixes the list of
-- households to visit; each village records one visit per household with the 两不愁三保障
-- checklist and the income per head; a failing visit makes a return-to-poverty application.
CREATE TABLE review_rounds (
    id          bigserial PRIMARY KEY,
    county_id   text        NOT NULL REFERENCES regions (id),
    year        smallint    NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    -- the income per head (yuan a year) under which a household fails
    income_line bigint      NOT NULL CHECK (income_line BETWEEN 0 AND 1000000),
    opened_by   bigint      REFERENCES users (id),
    opened_at   timestamptz NOT NULL,
    UNIQUE (county_id, year)
);

CREATE TABLE review_round_households (
    round_id     bigint NOT NULL REFERENCES review_rounds (id),
    household_id bigint NOT NULL REFERENCES households (id),
    village_id   text   NOT NULL REFERENCES regions (id),
    PRIMARY KEY (round_id, household_id)
);
CREATE INDEX review_round_households_village ON review_round_households (round_id, village_id);

CREATE TABLE review_visits (
    id              bigserial PRIMARY KEY,
    round_id        bigint      NOT NULL,
    household_id    bigint      NOT NULL,
    visited_on      date        NOT NULL,
    income_per_head bigint      NOT NULL CHECK (income_per_head BETWEEN 0 AND 10000000),
    unmet           text[]      NOT NULL DEFAULT '{}'
        CHECK (unmet <@ ARRAY ['food', 'clothing', 'education', 'medical', 'housing']),
    passed          boolean     NOT NULL,
    application_id  bigint      REFERENCES status_applications (id),
    note            text        NOT NULL DEFAULT '' CHECK (char_length(note) <= 2000),
    recorded_by     bigint      REFERENCES users (id),
    recorded_at     timestamptz NOT NULL,
    UNIQUE (round_id, household_id),
    FOREIGN KEY (round_id, household_id) REFERENCES review_round_households (round_id, household_id),
    CONSTRAINT failed_visit_applies CHECK (passed OR application_id IS NOT NULL)
);
