-- A pledge's maximum per need (pledges.max_per_need) held by the database too, not only by the
-- ledger's limit check: after any statement that inserts or changes allocations, no pledge may give
-- one need more than its maximum over its active allocations (a statement trigger: a match round's
-- set-based insert is checked once, for the (pledge, need) pairs it touched whose pledge has a
-- maximum); a pledge's maximum may not be lowered below what it already gives a need.

CREATE FUNCTION allocations_per_need_maximum_check() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  over record;
BEGIN
  SELECT g.pledge_id, g.need_id, g.given, p.max_per_need INTO over
    FROM (SELECT a.pledge_id, a.need_id, sum(a.quantity) AS given
            FROM (SELECT DISTINCT t.pledge_id, t.need_id
                    FROM touched t JOIN pledges p ON p.id = t.pledge_id
                   WHERE p.max_per_need IS NOT NULL) pairs
            JOIN allocations a ON a.pledge_id = pairs.pledge_id AND a.need_id = pairs.need_id
           WHERE a.status IN ('proposed', 'confirmed', 'delivered', 'received', 'verified')
           GROUP BY a.pledge_id, a.need_id) g
    JOIN pledges p ON p.id = g.pledge_id
   WHERE g.given > p.max_per_need
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'pledge % would give need % a total of %, above its maximum per need of %',
      over.pledge_id, over.need_id, over.given, over.max_per_need
      USING ERRCODE = 'check_violation', CONSTRAINT = 'allocations_per_need_maximum';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER allocations_per_need_maximum_insert
  AFTER INSERT ON allocations REFERENCING NEW TABLE AS touched
  FOR EACH STATEMENT EXECUTE FUNCTION allocations_per_need_maximum_check();

CREATE TRIGGER allocations_per_need_maximum_update
  AFTER UPDATE ON allocations REFERENCING NEW TABLE AS touched
  FOR EACH STATEMENT EXECUTE FUNCTION allocations_per_need_maximum_check();

CREATE FUNCTION pledges_per_need_maximum_check() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  over record;
BEGIN
  SELECT a.need_id, sum(a.quantity) AS given INTO over
    FROM allocations a
   WHERE a.pledge_id = NEW.id
     AND a.status IN ('proposed', 'confirmed', 'delivered', 'received', 'verified')
   GROUP BY a.need_id
  HAVING sum(a.quantity) > NEW.max_per_need
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'pledge % already gives need % a total of %, above the new maximum of %',
      NEW.id, over.need_id, over.given, NEW.max_per_need
      USING ERRCODE = 'check_violation', CONSTRAINT = 'allocations_per_need_maximum';
  END IF;
  RETURN NULL;
END $$;

-- only when a maximum is set or lowered (the ledger's counter updates never fire it)
CREATE TRIGGER pledges_per_need_maximum
  AFTER UPDATE OF max_per_need ON pledges
  FOR EACH ROW
  WHEN (NEW.max_per_need IS NOT NULL
        AND (OLD.max_per_need IS NULL OR NEW.max_per_need < OLD.max_per_need))
  EXECUTE FUNCTION pledges_per_need_maximum_check();
