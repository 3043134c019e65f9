-- The audit trail as a transparency log (docs/transparency.md): the rows of audit_log are the
-- leaves of a Merkle tree (RFC 9162); signed tree heads, the keys that sign them, the witnesses
-- that cosign them and the hashes of some subtrees (for proofs) are kept here. The signing keys'
-- private halves never are (keys/Keys), and the witnesses keep what they saw outside the database:
-- these tables are what the log publishes, not what makes it trustworthy.

-- The log's name, signed into every head: a witness never takes another database's heads for
-- this log's.
CREATE TABLE audit_log_origin (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    origin   text    NOT NULL
);
INSERT INTO audit_log_origin (origin) VALUES ('bangfu-audit/' || gen_random_uuid());

-- Every key that signed heads, with when it was in use (a retired key's heads stay checkable).
CREATE TABLE audit_log_keys (
    key_id      text        PRIMARY KEY,
    public_key  text        NOT NULL UNIQUE,
    valid_from  timestamptz NOT NULL,
    valid_until timestamptz CHECK (valid_until >= valid_from),
    first_size  bigint      NOT NULL CHECK (first_size >= 0)
);
CREATE UNIQUE INDEX audit_log_keys_in_use ON audit_log_keys ((true)) WHERE valid_until IS NULL;

-- Signed tree heads, one per size: the first tree_size records (in id order) have root_hash.
CREATE TABLE audit_log_heads (
    tree_size bigint PRIMARY KEY CHECK (tree_size >= 0),
    root_hash bytea  NOT NULL CHECK (length(root_hash) = 32),
    time_ms   bigint NOT NULL,
    key_id    text   NOT NULL REFERENCES audit_log_keys (key_id),
    signature bytea  NOT NULL,
    last_id   bigint NOT NULL
);

-- Who may cosign: every node of the deployment, and outside witnesses an admin registered.
CREATE TABLE audit_log_witnesses (
    key_id        text        PRIMARY KEY,
    public_key    text        NOT NULL UNIQUE,
    name          text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
    kind          text        NOT NULL CHECK (kind IN ('node', 'external')),
    registered_at timestamptz NOT NULL
);

CREATE TABLE audit_log_cosignatures (
    tree_size   bigint NOT NULL REFERENCES audit_log_heads (tree_size),
    witness_key text   NOT NULL REFERENCES audit_log_witnesses (key_id),
    time_ms     bigint NOT NULL,
    signature   bytea  NOT NULL,
    PRIMARY KEY (tree_size, witness_key)
);

-- The hashes of the perfect subtrees of every 8th level (256, 65,536 … records), written when a
-- head that covers them is signed: a proof then reads a few hundred hashes, never the whole log.
CREATE TABLE audit_log_nodes (
    level    smallint NOT NULL CHECK (level > 0 AND level % 8 = 0),
    idx      bigint   NOT NULL CHECK (idx >= 0),
    hash     bytea    NOT NULL CHECK (length(hash) = 32),
    first_id bigint   NOT NULL,
    last_id  bigint   NOT NULL,
    PRIMARY KEY (level, idx)
);
CREATE INDEX audit_log_nodes_ids ON audit_log_nodes (level, first_id);

-- Append-only, as audit_log is: a head, a cosignature, a subtree is never changed or removed; a
-- key only gets the end of its use, once.
CREATE FUNCTION audit_log_published_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'audit_log_keys' THEN
        IF OLD.valid_until IS NULL AND NEW.valid_until IS NOT NULL AND NEW.key_id = OLD.key_id
           AND NEW.public_key = OLD.public_key AND NEW.valid_from = OLD.valid_from
           AND NEW.first_size = OLD.first_size THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_heads_append_only BEFORE UPDATE OR DELETE ON audit_log_heads
    FOR EACH ROW EXECUTE FUNCTION audit_log_published_append_only();
CREATE TRIGGER audit_log_heads_no_truncate BEFORE TRUNCATE ON audit_log_heads
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_published_append_only();
CREATE TRIGGER audit_log_cosignatures_append_only BEFORE UPDATE OR DELETE ON audit_log_cosignatures
    FOR EACH ROW EXECUTE FUNCTION audit_log_published_append_only();
CREATE TRIGGER audit_log_cosignatures_no_truncate BEFORE TRUNCATE ON audit_log_cosignatures
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_published_append_only();
CREATE TRIGGER audit_log_nodes_append_only BEFORE UPDATE OR DELETE ON audit_log_nodes
    FOR EACH ROW EXECUTE FUNCTION audit_log_published_append_only();
CREATE TRIGGER audit_log_nodes_no_truncate BEFORE TRUNCATE ON audit_log_nodes
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_published_append_only();
CREATE TRIGGER audit_log_keys_append_only BEFORE UPDATE OR DELETE ON audit_log_keys
    FOR EACH ROW EXECUTE FUNCTION audit_log_published_append_only();
CREATE TRIGGER audit_log_keys_no_truncate BEFORE TRUNCATE ON audit_log_keys
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_published_append_only();
CREATE TRIGGER audit_log_origin_append_only BEFORE UPDATE OR DELETE ON audit_log_origin
    FOR EACH ROW EXECUTE FUNCTION audit_log_published_append_only();
CREATE TRIGGER audit_log_origin_no_truncate BEFORE TRUNCATE ON audit_log_origin
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_published_append_only();

-- Every node is a witness: a new head is announced when it commits, so each node checks and
-- cosigns it at once (and on a timer, in case a notice is lost).
CREATE FUNCTION audit_log_head_notice() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('bangfu_audit_heads', NEW.tree_size::text);
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_head_notice AFTER INSERT ON audit_log_heads
    FOR EACH ROW EXECUTE FUNCTION audit_log_head_notice();
