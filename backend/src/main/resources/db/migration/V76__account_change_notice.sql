-- Each node caches the token check (auth/AccountCheck) and forgets an account when it hears this
-- notice: sent, when the change commits, for every change that ends an account's tokens — a new
-- password, (de)activation — and for a deleted account.
CREATE OR REPLACE FUNCTION users_token_version() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('bangfu_accounts', OLD.id::text);
        RETURN OLD;
    END IF;
    IF NEW.password_hash IS DISTINCT FROM OLD.password_hash OR NEW.active IS DISTINCT FROM OLD.active
       OR NEW.token_version IS DISTINCT FROM OLD.token_version THEN
        NEW.token_version := greatest(NEW.token_version, OLD.token_version + 1);
        PERFORM pg_notify('bangfu_accounts', NEW.id::text);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER users_deleted_notice BEFORE DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION users_token_version();
