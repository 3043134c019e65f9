-- Donors: enterprises (民营企业), chambers of commerce (商会), overseas Chinese (侨亲) and
-- individuals. An overseas donor's hometown (祖籍地) is where matching prefers to send help.
CREATE TABLE donors (
    id                bigserial PRIMARY KEY,
    name              text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    type              text        NOT NULL CHECK (type IN ('enterprise', 'chamber', 'overseas', 'individual')),
    -- the Quanzhou county-level unit the donor belongs to (seat, registration)
    home_county       text REFERENCES regions (id),
    hometown_county   text REFERENCES regions (id),
    hometown_township text REFERENCES regions (id),
    hometown_village  text REFERENCES regions (id),
    -- where an overseas donor lives (菲律宾, 新加坡, ...)
    country           text CHECK (char_length(country) <= 100),
    verified          boolean     NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX donors_type ON donors (type, id);

-- Campaigns of social participation: 百企帮百村 (bqbbc), 百会扶百村 (bhfbc), 百侨助百村 (bqzbc)
-- and the mountain-sea pairing (shxz).
CREATE TABLE campaigns (
    id          bigserial PRIMARY KEY,
    code        text        NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_-]{1,19}$'),
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    description text        NOT NULL DEFAULT '' CHECK (char_length(description) <= 5000),
    starts_on   date        NOT NULL,
    ends_on     date,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
