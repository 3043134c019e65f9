-- A match round belongs to the process that started it: owner is the application_name of the
-- starting connection, which every Bangfu process sets to a name of its own (PoolFactory). A
-- process is alive as long as it has a connection open (pg_stat_activity); when it dies, its
-- connections close with it. A running round whose owner has no connection left was abandoned
-- by a dead process: it is failed at once, at every start and before every new round, instead
-- of blocking rounds until it is old enough to be called stale.
ALTER TABLE match_rounds ADD COLUMN owner text;

CREATE FUNCTION match_rounds_fail_abandoned() RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    failed integer;
BEGIN
    UPDATE match_rounds
       SET status = 'failed', finished_at = clock_timestamp(),
           error = 'abandoned: the process running it stopped'
     WHERE status = 'running'
       AND (owner IS NULL
            OR owner NOT IN (SELECT application_name FROM pg_stat_activity WHERE application_name <> ''));
    GET DIAGNOSTICS failed = ROW_COUNT;
    RETURN failed;
END
$$;

CREATE FUNCTION match_rounds_owner() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.owner := coalesce(NEW.owner, nullif(current_setting('application_name', true), ''));
    IF NEW.status = 'running' THEN
        PERFORM match_rounds_fail_abandoned();
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER match_rounds_owner BEFORE INSERT ON match_rounds
    FOR EACH ROW EXECUTE FUNCTION match_rounds_owner();
