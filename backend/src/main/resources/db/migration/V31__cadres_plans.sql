-- One household, one linked cadre (一户一挂钩), one plan (一户一策).
-- A cadre (帮扶责任人) works at a level (city, county, township, village) in a region; a
-- 第一书记 is a cadre dispatched to a help village, with who dispatched them.
CREATE TABLE cadres (
    id                 bigserial PRIMARY KEY,
    name               text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
    unit               text        NOT NULL CHECK (char_length(unit) BETWEEN 1 AND 100),
    level              text        NOT NULL CHECK (level IN ('city', 'county', 'township', 'village')),
    region_id          text        NOT NULL REFERENCES regions (id),
    -- encrypted (PersonalDataCipher), shown masked
    phone_enc          bytea,
    first_secretary_of text        REFERENCES regions (id),
    dispatched_by      text        CHECK (dispatched_by IN ('city', 'province', 'county')),
    created_by         bigint      REFERENCES users (id),
    created_at         timestamptz NOT NULL,
    CONSTRAINT first_secretary_dispatcher CHECK ((first_secretary_of IS NULL) = (dispatched_by IS NULL))
);
CREATE INDEX cadres_region ON cadres (region_id);
-- one 第一书记 per village
CREATE UNIQUE INDEX cadres_one_first_secretary ON cadres (first_secretary_of) WHERE first_secretary_of IS NOT NULL;

-- the cadre in charge of a household: exactly one (a second is refused by the key)
CREATE TABLE household_cadres (
    household_id bigint      PRIMARY KEY REFERENCES households (id),
    cadre_id     bigint      NOT NULL REFERENCES cadres (id),
    assigned_by  bigint      REFERENCES users (id),
    assigned_at  timestamptz NOT NULL
);
CREATE INDEX household_cadres_cadre ON household_cadres (cadre_id);

-- the household's plan: its measures, each with a target, a status and, where outside help is
-- wanted, the marketplace need it posted
CREATE TABLE plan_measures (
    id           bigserial PRIMARY KEY,
    household_id bigint      NOT NULL REFERENCES households (id),
    kind         text        NOT NULL CHECK (kind IN ('industry', 'employment', 'relocation', 'housing', 'education',
                                                      'health', 'ecology', 'dibao', 'training', 'microcredit',
                                                      'ecommerce', 'tourism')),
    target       text        NOT NULL CHECK (char_length(target) BETWEEN 1 AND 500),
    status       text        NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
    need_id      bigint      REFERENCES needs (id),
    created_by   bigint      REFERENCES users (id),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX plan_measures_household ON plan_measures (household_id, id);

-- a cadre's visit to a household (入户走访)
CREATE TABLE cadre_visits (
    id           bigserial PRIMARY KEY,
    cadre_id     bigint      NOT NULL REFERENCES cadres (id),
    household_id bigint      NOT NULL REFERENCES households (id),
    visited_on   date        NOT NULL,
    what         text        NOT NULL CHECK (char_length(what) BETWEEN 1 AND 2000),
    photo_url    text        CHECK (char_length(photo_url) <= 500),
    recorded_by  bigint      REFERENCES users (id),
    recorded_at  timestamptz NOT NULL
);
CREATE INDEX cadre_visits_cadre ON cadre_visits (cadre_id, visited_on);
CREATE INDEX cadre_visits_household ON cadre_visits (household_id, visited_on);
