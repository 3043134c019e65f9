-- "In a region" as a range of codes an index can read. Every code a region contains starts with
-- the region's own code (a county "350524" holds "350524-T01-V01", a city "3505" its counties
-- "350524"), so all of them lie in [code, region_codes_end(code)) in byte order. region_contains
-- says so first; PostgreSQL inlines it, and a query filtering on region_contains($1, village_id)
-- then reads that range from an index on (village_id COLLATE "C") instead of every row — a
-- county's households out of the national registry's 2,000,000.
CREATE FUNCTION region_codes_end(region text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT left(region, -1) || chr(ascii(right(region, 1)) + 1) $$;

CREATE OR REPLACE FUNCTION region_contains(region text, descendant text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT region IS NOT NULL AND descendant IS NOT NULL
   AND descendant COLLATE "C" >= region AND descendant COLLATE "C" < region_codes_end(region)
   AND (descendant = region
    OR left(descendant, length(region) + 1) = region || '-'
    OR (region ~ '^[0-9]{4}$' AND left(descendant, 4) = region AND length(descendant) > 4))
$$;

CREATE INDEX households_village_bytes ON households ((village_id COLLATE "C"));
CREATE INDEX needs_village_bytes ON needs ((village_id COLLATE "C"));
