-- Tokens end with a password change or a deactivation: every bearer token carries the account's
-- token_version, and the token handler's one-row lookup compares it. The trigger raises the
-- version on any path that changes the password or the active flag.
ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0;

CREATE FUNCTION users_token_version() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.password_hash IS DISTINCT FROM OLD.password_hash OR NEW.active IS DISTINCT FROM OLD.active THEN
        NEW.token_version := OLD.token_version + 1;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER users_token_version BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION users_token_version();
