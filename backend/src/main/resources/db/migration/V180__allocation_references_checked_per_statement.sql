-- An allocation's need, pledge and round are checked once per statement instead of by three foreign
-- keys per row. A national round writes 400,000 proposals 20,000 to a statement, and each row's three
-- checks (a query each, locking the need's, the pledge's and the round's row, though the round holds
-- the first two FOR UPDATE already) cost a large part of writing the allocation itself. The
-- guarantee is the one the monitor's cases and leads keep (V175, V177), in two halves:
--
-- * Writing allocations: after each INSERT, every need, pledge and round the new rows name must
--   exist, one set-based query per reference over the statement's rows; an UPDATE that changes one of
--   them is checked row by row (nothing in the product does). At READ COMMITTED each check sees what
--   was committed before it (a fresh snapshot), and the other half makes a concurrent removal wait
--   for this transaction or this one wait for it; at a stricter isolation the named rows are also
--   locked as a foreign key locks them (FOR KEY SHARE), which fails on a row removed since.
-- * Removing a need, a pledge or a round, or changing its id: it first waits for every transaction
--   writing allocations to end and keeps new ones out (SHARE on allocations), then is refused
--   (foreign_key_violation) while an allocation names it; only at READ COMMITTED. TRUNCATE of any of
--   them is refused while allocations exist. Nothing in the product removes needs, pledges or rounds.
--
-- The rule is written once, for any table and its references (the trigger's arguments name them), so
-- a next table that needs it adds triggers, not functions. The errors name the constraints the
-- foreign keys had.

-- After INSERT (for each statement, the new rows as "added") or UPDATE (for each row): the arguments
-- are triples of a column, the table whose id it names, and the name of the constraint it stands for.
CREATE FUNCTION references_checked() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    locking boolean := current_setting('transaction_isolation') <> 'read committed';
    i       integer := 0;
    missing boolean;
BEGIN
    WHILE i < TG_NARGS LOOP
        IF TG_LEVEL = 'STATEMENT' THEN
            IF locking THEN
                EXECUTE format('SELECT 1 FROM %I p WHERE p.id IN (SELECT a.%I FROM added a) ORDER BY p.id FOR KEY SHARE',
                               TG_ARGV[i + 1], TG_ARGV[i]);
            END IF;
            -- each distinct row named once, for the whole statement
            EXECUTE format('SELECT EXISTS (SELECT 1 FROM (SELECT DISTINCT a.%1$I AS id FROM added a WHERE a.%1$I IS NOT NULL) x'
                           ' WHERE NOT EXISTS (SELECT 1 FROM %2$I p WHERE p.id = x.id))', TG_ARGV[i], TG_ARGV[i + 1])
                INTO missing;
        ELSE
            IF locking THEN
                EXECUTE format('SELECT 1 FROM %I p WHERE p.id = ($1).%I FOR KEY SHARE', TG_ARGV[i + 1], TG_ARGV[i])
                    USING NEW;
            END IF;
            EXECUTE format('SELECT ($1).%1$I IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %2$I p WHERE p.id = ($1).%1$I)',
                           TG_ARGV[i], TG_ARGV[i + 1])
                USING NEW INTO missing;
        END IF;
        IF missing THEN
            RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', TG_TABLE_NAME, TG_ARGV[i + 2]
                USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME, CONSTRAINT = TG_ARGV[i + 2];
        END IF;
        i := i + 3;
    END LOOP;
    RETURN NULL;
END
$$;

-- The other half, before DELETE or UPDATE OF id of a referenced row: the arguments are triples of a
-- table that names it, its column and the constraint's name.
CREATE FUNCTION referenced_row_removed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    i     integer := 0;
    named boolean;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
        RETURN NEW;
    END IF;
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'a row of % is removed only at READ COMMITTED (rows of % may name it)', TG_TABLE_NAME, TG_ARGV[0]
            USING ERRCODE = 'serialization_failure';
    END IF;
    WHILE i < TG_NARGS LOOP
        EXECUTE format('LOCK TABLE %I IN SHARE MODE', TG_ARGV[i]);
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I c WHERE c.%I = $1)', TG_ARGV[i], TG_ARGV[i + 1])
            USING OLD.id INTO named;
        IF named THEN
            RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "%"',
                TG_TABLE_NAME, TG_ARGV[i + 2], TG_ARGV[i]
                USING ERRCODE = 'foreign_key_violation', TABLE = TG_ARGV[i], CONSTRAINT = TG_ARGV[i + 2];
        END IF;
        i := i + 3;
    END LOOP;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;

-- Before TRUNCATE of a referenced table: the arguments are the tables that name its rows.
CREATE FUNCTION referenced_rows_truncated() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    named boolean;
BEGIN
    FOR i IN 0 .. TG_NARGS - 1 LOOP
        EXECUTE format('LOCK TABLE %I IN SHARE MODE', TG_ARGV[i]);
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I)', TG_ARGV[i]) INTO named;
        IF named THEN
            RAISE EXCEPTION 'cannot truncate "%": rows of % name its rows', TG_TABLE_NAME, TG_ARGV[i]
                USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

ALTER TABLE allocations
    DROP CONSTRAINT allocations_need_id_fkey,
    DROP CONSTRAINT allocations_pledge_id_fkey,
    DROP CONSTRAINT allocations_round_id_fkey;

CREATE TRIGGER allocations_references_added AFTER INSERT ON allocations REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION references_checked(
        'need_id', 'needs', 'allocations_need_id_fkey',
        'pledge_id', 'pledges', 'allocations_pledge_id_fkey',
        'round_id', 'match_rounds', 'allocations_round_id_fkey');
CREATE TRIGGER allocations_references_changed AFTER UPDATE OF need_id, pledge_id, round_id ON allocations
    FOR EACH ROW
    WHEN ((OLD.need_id, OLD.pledge_id, OLD.round_id) IS DISTINCT FROM (NEW.need_id, NEW.pledge_id, NEW.round_id))
    EXECUTE FUNCTION references_checked(
        'need_id', 'needs', 'allocations_need_id_fkey',
        'pledge_id', 'pledges', 'allocations_pledge_id_fkey',
        'round_id', 'match_rounds', 'allocations_round_id_fkey');

CREATE TRIGGER allocations_need_removed BEFORE DELETE OR UPDATE OF id ON needs
    FOR EACH ROW EXECUTE FUNCTION referenced_row_removed('allocations', 'need_id', 'allocations_need_id_fkey');
CREATE TRIGGER allocations_pledge_removed BEFORE DELETE OR UPDATE OF id ON pledges
    FOR EACH ROW EXECUTE FUNCTION referenced_row_removed('allocations', 'pledge_id', 'allocations_pledge_id_fkey');
CREATE TRIGGER allocations_round_removed BEFORE DELETE OR UPDATE OF id ON match_rounds
    FOR EACH ROW EXECUTE FUNCTION referenced_row_removed('allocations', 'round_id', 'allocations_round_id_fkey');

CREATE TRIGGER allocations_needs_truncated BEFORE TRUNCATE ON needs
    FOR EACH STATEMENT EXECUTE FUNCTION referenced_rows_truncated('allocations');
CREATE TRIGGER allocations_pledges_truncated BEFORE TRUNCATE ON pledges
    FOR EACH STATEMENT EXECUTE FUNCTION referenced_rows_truncated('allocations');
CREATE TRIGGER allocations_rounds_truncated BEFORE TRUNCATE ON match_rounds
    FOR EACH STATEMENT EXECUTE FUNCTION referenced_rows_truncated('allocations');
