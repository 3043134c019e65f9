-- The region tree: province → city → county → township → village (省/市/县/乡镇/村).
-- Ids are codes: the real administrative codes down to county level (350524 安溪县), then
-- "<county>-Tnn" for townships and "<township>-Vnn" for villages, so an id's prefixes are its
-- ancestors. 泉州台商投资区 has no standard code and is 3505TS.
CREATE TABLE regions (
    id                text PRIMARY KEY CHECK (id ~ '^[0-9A-Z][0-9A-Za-z-]{1,39}$'),
    parent_id         text REFERENCES regions (id),
    level             text    NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village')),
    name              text    NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    sort              integer NOT NULL DEFAULT 0,
    -- one of the 30 key poverty-alleviation townships (重点乡镇) that coastal townships pair with
    key_township      boolean NOT NULL DEFAULT false,
    -- 建档立卡贫困村: a provincially registered poor village
    poor_village      boolean NOT NULL DEFAULT false,
    -- 重点村: a key village of the poverty-alleviation work
    key_village       boolean NOT NULL DEFAULT false,
    -- 挂钩帮扶村: a help village with a dispatched cadre; who dispatched it sets its funding
    help_village      boolean NOT NULL DEFAULT false,
    dispatched_by     text CHECK (dispatched_by IN ('city', 'province', 'county')),
    -- 村集体经营性收入 in whole yuan per year
    collective_income bigint CHECK (collective_income >= 0),
    collective_status text GENERATED ALWAYS AS (
        CASE
            WHEN level <> 'village' OR collective_income IS NULL THEN NULL
            WHEN collective_income < 10000 THEN 'hollow'
            WHEN collective_income < 30000 THEN 'weak'
            ELSE 'ok'
        END) STORED,
    CONSTRAINT region_root_is_province CHECK ((parent_id IS NULL) = (level = 'province')),
    CONSTRAINT village_flags_on_villages CHECK (
        level = 'village' OR NOT (poor_village OR key_village OR help_village OR collective_income IS NOT NULL)),
    CONSTRAINT key_township_on_townships CHECK (level = 'township' OR NOT key_township),
    CONSTRAINT help_village_dispatcher CHECK (help_village = (dispatched_by IS NOT NULL))
);
CREATE INDEX regions_parent ON regions (parent_id, sort, id);
CREATE INDEX regions_level ON regions (level);

-- 山海协作对口帮扶: a Quanzhou county-level unit paired with a county elsewhere in Fujian.
CREATE TABLE region_pairings (
    from_id text NOT NULL REFERENCES regions (id),
    to_id   text NOT NULL REFERENCES regions (id),
    kind    text NOT NULL DEFAULT 'mountain_sea' CHECK (kind IN ('mountain_sea', 'township')),
    PRIMARY KEY (from_id, to_id),
    CHECK (from_id <> to_id)
);
CREATE INDEX region_pairings_to ON region_pairings (to_id);
