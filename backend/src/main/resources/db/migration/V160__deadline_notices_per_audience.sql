-- The notice of deadlines opened is built once per audience, not once per deadline: a
-- department's file opens up to 100,000 deadlines in one statement for a few thousand villages
-- and desks, and every row's JSON was built before the duplicates were dropped. The rows are
-- first reduced to one per distinct set of the fields the notice names (deadlines_notice), so
-- what is sent is unchanged.
CREATE OR REPLACE FUNCTION deadlines_announce_opened() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF coalesce(current_setting('bangfu.deadlines_quiet', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM pg_notify('bangfu_deadlines', deadlines_notice('opened', n))
       FROM opened n
      WHERE n.id IN (SELECT DISTINCT ON (o.kind, o.who_role, o.who_region, o.who_village, o.who_donor,
                                         o.escalated_role, o.escalated_region) o.id
                       FROM opened o);
    RETURN NULL;
END
$$;
