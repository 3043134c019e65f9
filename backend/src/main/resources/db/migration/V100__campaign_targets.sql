-- What a campaign sets out to reach, so its figures read "46 / 100 个村" rather than a bare count:
-- villages paired, yuan confirmed, donors enrolled. Each is optional (no target: the figure stands
-- alone) and, when set, a positive whole number.
ALTER TABLE campaigns
    ADD COLUMN target_villages integer CHECK (target_villages > 0),
    ADD COLUMN target_yuan     bigint  CHECK (target_yuan > 0),
    ADD COLUMN target_donors   integer CHECK (target_donors > 0);

-- the seed's campaigns say their targets in their names: a hundred enterprises (chambers, overseas
-- Chinese) for a hundred villages
UPDATE campaigns SET target_villages = 100, target_donors = 100 WHERE code IN ('bqbbc', 'bhfbc', 'bqzbc');
