-- The kept answers' update triggers compared a statement's old and new rows by joining the two
-- transition tables, which have no statistics: PostgreSQL may plan that join as a nested loop,
-- and a national match round (an UPDATE of some 260,000 needs' counters and as many allocations)
-- then compared every row with every other for many minutes. EXCEPT compares them by hashing or
-- sorting, in one pass over each (as the progress summaries' triggers do); NULLs compare as equal,
-- as IS DISTINCT FROM did. What is announced is unchanged.
CREATE OR REPLACE FUNCTION board_needs_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF EXISTS (SELECT 1
                 FROM (SELECT n.id, n.title, n.category, n.village_id FROM new_rows n
                       EXCEPT
                       SELECT o.id, o.title, o.category, o.village_id FROM old_rows o) c
                WHERE EXISTS (SELECT 1 FROM allocations a WHERE a.need_id = c.id AND a.status = 'verified')) THEN
        PERFORM pg_notify('bangfu_board', '');
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION allocation_totals_updated() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF EXISTS (SELECT n.id, n.status, n.unit, n.quantity, n.need_id, n.pledge_id, n.round_id FROM new_rows n
               EXCEPT
               SELECT o.id, o.status, o.unit, o.quantity, o.need_id, o.pledge_id, o.round_id FROM old_rows o) THEN
        PERFORM pg_notify('bangfu_allocations', '');
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION registry_households_updated() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF EXISTS (SELECT n.id, n.village_id, n.status, n.dibao, n.tekun FROM new_rows n
               EXCEPT
               SELECT o.id, o.village_id, o.status, o.dibao, o.tekun FROM old_rows o) THEN
        PERFORM pg_notify('bangfu_registry', '');
    END IF;
    RETURN NULL;
END
$$;
