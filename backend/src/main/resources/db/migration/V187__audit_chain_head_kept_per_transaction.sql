-- The audit chain's trigger, row by row, took the chain's lock and looked up the last row's hash
-- with a query of its own for every row: a national round appends 401,891 rows in one transaction,
-- and the look-up (an executor run per row) was most of the trigger's time.
--
-- The chain is the same: each row's prev_hash is the hash of the row before it in id order, and the
-- database computes every hash itself (audit_log_row_hash, unchanged). What changes is where the
-- trigger finds the head while its transaction appends: the first row takes the lock (held to the
-- end of the transaction, so no other transaction appends meanwhile) and reads the head from the
-- table as before; each row then keeps its own hash as the head, in a setting local to the
-- transaction (bangfu.audit_head) that names the transaction too. The next row of the same
-- transaction takes the head from there; a setting of another transaction, or none, sends the
-- trigger back to the lock and the table. A savepoint rolled back takes its rows and the setting
-- back together (PostgreSQL restores settings made inside it), so the head stays the last row kept.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    xact text := pg_current_xact_id()::text;
    kept text := current_setting('bangfu.audit_head', true);
    head text;
BEGIN
    IF kept IS NOT NULL AND split_part(kept, ':', 1) = xact THEN
        head := split_part(kept, ':', 2);
    ELSE
        PERFORM pg_advisory_xact_lock(4242001);
        head := coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), 'genesis');
    END IF;
    NEW.id := nextval('audit_log_id_seq');
    NEW.at := clock_timestamp();
    NEW.prev_hash := head;
    NEW.hash := audit_log_row_hash(head, NEW);
    kept := set_config('bangfu.audit_head', xact || ':' || NEW.hash, true);
    RETURN NEW;
END
$$;
