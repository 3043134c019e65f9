-- Region containment on the hierarchical region codes, the SQL twin of
-- org.bangfu.auth.Access.regionContains: city 3505 ⊃ county 350524 ⊃ township 350524-T03
-- ⊃ village 350524-T03-V07 (and 3505 ⊃ 3505TS, the 台商投资区 without a standard code).
CREATE FUNCTION region_contains(region text, descendant text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT region IS NOT NULL AND descendant IS NOT NULL AND (
       descendant = region
    OR left(descendant, length(region) + 1) = region || '-'
    OR (region ~ '^[0-9]{4}$' AND left(descendant, 4) = region AND length(descendant) > 4))
$$;

-- The county (first segment) and township (first two segments) of a village code.
CREATE FUNCTION region_county(village text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT split_part(village, '-', 1) $$;

CREATE FUNCTION region_township(village text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN village LIKE '%-%-%' THEN split_part(village, '-', 1) || '-' || split_part(village, '-', 2) END $$;
