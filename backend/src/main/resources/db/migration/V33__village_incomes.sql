-- Villages over time: the collective operating income (村集体经营性收入) per year, entered by
-- the village and verified by the township; hollow (< 10,000 yuan) and weak (< 30,000) follow
-- from it. regions.collective_income keeps the latest verified year's amount for other readers.
CREATE TABLE village_incomes (
    village_id  text        NOT NULL REFERENCES regions (id),
    year        smallint    NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    amount      bigint      NOT NULL CHECK (amount BETWEEN 0 AND 1000000000000),
    collective_status text GENERATED ALWAYS AS (
        CASE WHEN amount < 10000 THEN 'hollow' WHEN amount < 30000 THEN 'weak' ELSE 'ok' END) STORED,
    entered_by  bigint      REFERENCES users (id),
    entered_at  timestamptz NOT NULL,
    verified_by bigint      REFERENCES users (id),
    verified_at timestamptz,
    PRIMARY KEY (village_id, year)
);
CREATE INDEX village_incomes_year ON village_incomes (year, collective_status);

-- 摘帽: a poor village's exit, once, with the criteria it met
CREATE TABLE village_exits (
    village_id        text          PRIMARY KEY REFERENCES regions (id),
    year              smallint      NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    households        integer       NOT NULL CHECK (households >= 0),
    poor_households   integer       NOT NULL CHECK (poor_households >= 0),
    -- poverty incidence in percent (poor / registered), under 2 for an exit
    poverty_rate      numeric(5, 2) NOT NULL CHECK (poverty_rate < 2),
    collective_income bigint        NOT NULL CHECK (collective_income >= 10000),
    roads             boolean       NOT NULL CHECK (roads),
    drinking_water    boolean       NOT NULL CHECK (drinking_water),
    power             boolean       NOT NULL CHECK (power),
    clinic            boolean       NOT NULL CHECK (clinic),
    decided_by        bigint        REFERENCES users (id),
    decided_at        timestamptz   NOT NULL
);
