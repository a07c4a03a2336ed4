-- The signed authorizations of SPEC §10, as they were first returned: the executor verifies the envelope it
-- received, and receipts include that same envelope, byte for byte the same payload and signature, also after
-- a key rotation has retired the key that signed it (see docs/integrity.md). Append-only, like the log tables.
CREATE TABLE signed_authorization (
    project      VARCHAR(255) NOT NULL,
    execution_id VARCHAR(255) NOT NULL,
    envelope     TEXT         NOT NULL,
    key_id       VARCHAR(8)   NOT NULL,
    signed_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (project, execution_id)
);

CREATE TRIGGER signed_authorization_no_update_delete BEFORE UPDATE OR DELETE ON signed_authorization
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER signed_authorization_no_truncate BEFORE TRUNCATE ON signed_authorization
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
ALTER TABLE signed_authorization ENABLE ALWAYS TRIGGER signed_authorization_no_update_delete;
ALTER TABLE signed_authorization ENABLE ALWAYS TRIGGER signed_authorization_no_truncate;
