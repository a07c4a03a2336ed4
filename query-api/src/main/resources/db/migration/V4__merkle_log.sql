-- The tamper-evident log of SPEC §6: one leaf per stored event, in global order (leaf index = position,
-- from 0), the perfect subtrees that make appending and proving O(log n), the signed checkpoints, the
-- log's public keys and the issued receipts.

CREATE TABLE log_leaf (
    leaf_index   BIGINT PRIMARY KEY,
    global_index BIGINT NOT NULL UNIQUE,
    leaf         BYTEA  NOT NULL,
    leaf_hash    BYTEA  NOT NULL
);

-- Perfect subtree [start_index, start_index + 2^level), level >= 1, written in the transaction that
-- appends its last leaf; it never changes afterwards (level 0 is log_leaf.leaf_hash).
CREATE TABLE log_subtree (
    level       INTEGER NOT NULL,
    start_index BIGINT  NOT NULL,
    hash        BYTEA   NOT NULL,
    PRIMARY KEY (level, start_index)
);

CREATE TABLE log_checkpoint (
    tree_size  BIGINT       PRIMARY KEY,
    root_hash  BYTEA        NOT NULL,
    note       TEXT         NOT NULL,
    key_id     VARCHAR(8)   NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);

-- Public parts only: the private key stays in LEDGER_HOME (or ledger.key-path). valid_until is set
-- when a rotation retires the key, so this table is not append-only.
CREATE TABLE log_key (
    key_id      VARCHAR(8)   PRIMARY KEY,
    key_name    VARCHAR(255) NOT NULL,
    public_pem  TEXT         NOT NULL,
    valid_from  TIMESTAMPTZ  NOT NULL,
    valid_until TIMESTAMPTZ
);

CREATE TABLE receipt (
    id           VARCHAR(64)  PRIMARY KEY,
    project      VARCHAR(255) NOT NULL,
    environment  VARCHAR(255) NOT NULL,
    version      VARCHAR(255) NOT NULL,
    execution_id VARCHAR(255) NOT NULL,
    issued_at    TIMESTAMPTZ  NOT NULL,
    body         BYTEA        NOT NULL
);
CREATE INDEX receipt_migration ON receipt (project, environment, version);

-- Leaves, subtrees and checkpoints are append-only like the event table (V1), and for the same reason:
-- a superuser can still disable the triggers, which the store audit detects.
CREATE TRIGGER log_leaf_no_update_delete BEFORE UPDATE OR DELETE ON log_leaf
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER log_leaf_no_truncate BEFORE TRUNCATE ON log_leaf
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
ALTER TABLE log_leaf ENABLE ALWAYS TRIGGER log_leaf_no_update_delete;
ALTER TABLE log_leaf ENABLE ALWAYS TRIGGER log_leaf_no_truncate;

CREATE TRIGGER log_subtree_no_update_delete BEFORE UPDATE OR DELETE ON log_subtree
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER log_subtree_no_truncate BEFORE TRUNCATE ON log_subtree
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
ALTER TABLE log_subtree ENABLE ALWAYS TRIGGER log_subtree_no_update_delete;
ALTER TABLE log_subtree ENABLE ALWAYS TRIGGER log_subtree_no_truncate;

CREATE TRIGGER log_checkpoint_no_update_delete BEFORE UPDATE OR DELETE ON log_checkpoint
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER log_checkpoint_no_truncate BEFORE TRUNCATE ON log_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
ALTER TABLE log_checkpoint ENABLE ALWAYS TRIGGER log_checkpoint_no_update_delete;
ALTER TABLE log_checkpoint ENABLE ALWAYS TRIGGER log_checkpoint_no_truncate;
