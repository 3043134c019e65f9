-- The browse's notices (V141) also name where the changed needs are, so a claim drops its
-- category's pages of every county only where they show that need: the payload becomes
-- "<category>|<region>,<region>,…" with every region that contains the need's village, as
-- region_contains decides (the village itself, its township, its county, its city…). A page kept
-- for a category and a region is dropped when the region is named; a page of a category without a
-- region always. A statement touching more than 20 villages of a category (a round, a load) names
-- the category alone, which drops all of its pages.
CREATE FUNCTION browse_notify(changed_categories text[], changed_villages text[]) RETURNS void
    LANGUAGE plpgsql AS
$$
DECLARE
    p text;
BEGIN
    FOR p IN
        WITH changed AS (SELECT DISTINCT u.category, u.village
                           FROM unnest(changed_categories, changed_villages) AS u(category, village)),
             per_category AS (SELECT category, count(*) AS village_count FROM changed GROUP BY category)
        SELECT c.category || '|' ||
               (SELECT string_agg(left(c.village, i), ',' ORDER BY i)
                  FROM generate_series(1, length(c.village)) AS i
                 WHERE region_contains(left(c.village, i), c.village))
          FROM changed c JOIN per_category pc ON pc.category = c.category
         WHERE pc.village_count <= 20
        UNION
        SELECT category FROM per_category WHERE village_count > 20
    LOOP
        PERFORM pg_notify('bangfu_needs_browse', p);
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION browse_needs_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    categories text[];
    villages text[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(category), array_agg(village_id) INTO categories, villages FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(category), array_agg(village_id) INTO categories, villages FROM old_rows;
    ELSE
        SELECT array_agg(category), array_agg(village_id) INTO categories, villages
          FROM (SELECT category, village_id FROM old_rows
                UNION ALL SELECT category, village_id FROM new_rows) AS rows;
    END IF;
    IF categories IS NOT NULL THEN
        PERFORM browse_notify(categories, villages);
    END IF;
    RETURN NULL;
END
$$;
