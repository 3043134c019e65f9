-- Campaigns run from the screen: who may enrol (donor types; empty = anyone), the kind of
-- region pairing a campaign follows (山海协作 follows the 'mountain_sea' pairings, so the help
-- its enrolled donors give to their home county's paired county counts for it), and when the
-- united front closed it. Dates (starts_on .. ends_on) are enforced on enrolment and pledging.
ALTER TABLE campaigns
    ADD COLUMN donor_types text[] NOT NULL DEFAULT '{}'
        CONSTRAINT campaign_donor_types_known
        CHECK (donor_types <@ ARRAY ['enterprise', 'chamber', 'overseas', 'individual']),
    ADD COLUMN region_pairing_kind text CHECK (region_pairing_kind IN ('mountain_sea', 'township')),
    ADD COLUMN closed_at timestamptz,
    ADD COLUMN created_by bigint REFERENCES users (id);

UPDATE campaigns SET donor_types = '{enterprise}' WHERE code = 'bqbbc';
UPDATE campaigns SET donor_types = '{chamber}' WHERE code = 'bhfbc';
UPDATE campaigns SET donor_types = '{overseas}' WHERE code = 'bqzbc';
UPDATE campaigns SET region_pairing_kind = 'mountain_sea' WHERE code = 'shxz';

-- A donor asks to pair with a village (结对); the united front approves or declines. Only an
-- approved request becomes a row of campaign_pairings, the ties that matching and the
-- figures read, so a pending one changes nothing until approved.
CREATE TABLE campaign_pairing_requests (
    id           bigserial PRIMARY KEY,
    campaign_id  bigint      NOT NULL,
    donor_id     bigint      NOT NULL,
    village_id   text        NOT NULL REFERENCES regions (id),
    status       text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
    requested_by bigint      REFERENCES users (id),
    requested_at timestamptz NOT NULL,
    decided_by   bigint      REFERENCES users (id),
    decided_at   timestamptz,
    FOREIGN KEY (campaign_id, donor_id) REFERENCES campaign_enrolments (campaign_id, donor_id),
    CHECK ((status = 'pending') = (decided_at IS NULL))
);
-- one open or approved request per donor and village in a campaign (a declined one may be asked again)
CREATE UNIQUE INDEX campaign_pairing_requests_one ON campaign_pairing_requests (campaign_id, donor_id, village_id)
    WHERE status <> 'declined';
CREATE INDEX campaign_pairing_requests_status ON campaign_pairing_requests (status, campaign_id);

-- The notification centre derives notifications from the data when read; only what each
-- user has read is stored, one row per user and notification key.
CREATE TABLE notification_reads (
    user_id bigint      NOT NULL REFERENCES users (id),
    key     text        NOT NULL CHECK (char_length(key) BETWEEN 1 AND 100),
    read_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, key)
);
