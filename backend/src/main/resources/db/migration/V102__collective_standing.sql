-- Hollow (空壳村) and weak (薄弱村) villages by one rule, read by every screen that counts them (the
-- registry's dashboard, the united front's): a village's standing in a year follows its collective
-- operating income (村集体经营性收入) of that year, or, when none was entered for that year, of the
-- latest year before it — hollow under 10,000 yuan, weak under 30,000 (village_incomes'
-- collective_status), no_income when it has none yet. The villages counted are the registered poor
-- villages and every village with an income entered; $1 narrows them to a region (NULL: all).
CREATE FUNCTION village_collective_standing(region text, at_year integer)
    RETURNS TABLE (village_id text, income_year integer, amount bigint, verified boolean, standing text)
    LANGUAGE sql STABLE AS
$$
SELECT v.id, i.year::integer, i.amount, i.verified_at IS NOT NULL, coalesce(i.collective_status, 'no_income')
  FROM regions v
  LEFT JOIN LATERAL (SELECT x.year, x.amount, x.verified_at, x.collective_status FROM village_incomes x
                      WHERE x.village_id = v.id AND x.year <= at_year ORDER BY x.year DESC LIMIT 1) i ON true
 WHERE v.level = 'village'
   AND (v.poor_village OR EXISTS (SELECT 1 FROM village_incomes y WHERE y.village_id = v.id))
   AND (region IS NULL OR region_contains(region, v.id))
$$;
