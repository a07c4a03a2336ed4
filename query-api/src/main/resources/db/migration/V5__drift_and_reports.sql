-- Drift scans and compliance reports.

-- Canonical schema descriptions by fingerprint (docs/drift.md): content-addressed, so a row is
-- written once and never changes; a drift scan diffs the expected description against the scanned
-- one to name the tables and columns changed outside migrations.
CREATE TABLE schema_snapshot (
    fingerprint CHAR(64)    NOT NULL PRIMARY KEY,   -- lowercase hex SHA-256 of the lines joined with \n
    description JSONB       NOT NULL,               -- the sorted lines
    stored_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    stored_by   VARCHAR(255) NOT NULL
);

-- ---- compliance (processing group "compliance"; rebuildable like every read model) -------------

-- Who planned each migration, for the report's "planned by".
CREATE TABLE compliance_migration (
    project     VARCHAR(255) NOT NULL,
    version     VARCHAR(255) NOT NULL,
    description TEXT,
    checksum    CHAR(64)     NOT NULL,
    planned_by  VARCHAR(255) NOT NULL,
    planned_at  TIMESTAMPTZ  NOT NULL,
    author      VARCHAR(255),
    PRIMARY KEY (project, version)
);

-- Approvals as they stand (revoked and voided ones are deleted): copied onto an execution when it runs.
CREATE TABLE compliance_approval (
    project     VARCHAR(255) NOT NULL,
    approval_id VARCHAR(255) NOT NULL,
    version     VARCHAR(255) NOT NULL,
    approver    VARCHAR(255) NOT NULL,
    checksum    CHAR(64)     NOT NULL,
    environment VARCHAR(255),
    approved_at TIMESTAMPTZ  NOT NULL,
    global_index BIGINT      NOT NULL,
    PRIMARY KEY (project, approval_id)
);
CREATE INDEX compliance_approval_version ON compliance_approval (project, version);

-- The latest verified backup per environment.
CREATE TABLE compliance_backup (
    project        VARCHAR(255) NOT NULL,
    environment    VARCHAR(255) NOT NULL,
    backup         JSONB        NOT NULL,   -- {backupId, location, takenAt, restoreTested, verifiedBy, verifiedAt}
    PRIMARY KEY (project, environment)
);

CREATE TABLE compliance_authorization (
    project        VARCHAR(255) NOT NULL,
    execution_id   VARCHAR(255) NOT NULL,
    authorized     JSONB        NOT NULL,   -- {executionId, environment, versions, authorizedBy, authorizedAt, gitSha, pipelineUrl}
    PRIMARY KEY (project, execution_id)
);

-- One row per execution (applied or failed fact, or imported baseline entry), with everything an
-- auditor asks about it copied in at the time it was recorded.
CREATE TABLE compliance_execution (
    project       VARCHAR(255) NOT NULL,
    execution_id  VARCHAR(255) NOT NULL,
    environment   VARCHAR(255) NOT NULL,
    version       VARCHAR(255) NOT NULL,
    description   TEXT,
    checksum      CHAR(64),
    status        VARCHAR(16)  NOT NULL,   -- APPLIED | FAILED | BASELINE
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ  NOT NULL,   -- the report's period is judged on this time
    recorded_at   TIMESTAMPTZ  NOT NULL,
    actor         VARCHAR(255) NOT NULL,
    tool          VARCHAR(32),
    git_sha       VARCHAR(255),
    pipeline_url  TEXT,
    error         TEXT,
    planned_by    VARCHAR(255),
    planned_at    TIMESTAMPTZ,
    approvals     JSONB        NOT NULL,
    backup        JSONB,
    authorized    JSONB,
    violations    JSONB        NOT NULL,
    global_index  BIGINT       NOT NULL,
    PRIMARY KEY (project, execution_id, environment)
);
CREATE INDEX compliance_execution_period ON compliance_execution (project, environment, finished_at);

-- Drift findings with their whole life: a finding that comes back after being resolved is a new row.
CREATE TABLE compliance_drift (
    project       VARCHAR(255) NOT NULL,
    finding_id    VARCHAR(255) NOT NULL,
    detected_index BIGINT      NOT NULL,
    environment   VARCHAR(255) NOT NULL,
    kind          VARCHAR(64)  NOT NULL,
    version       VARCHAR(255),
    detail        TEXT,
    objects       JSONB        NOT NULL,
    scan_id       VARCHAR(255),
    detected_at   TIMESTAMPTZ  NOT NULL,
    detected_by   VARCHAR(255) NOT NULL,
    resolved_at   TIMESTAMPTZ,
    resolved_by_scan VARCHAR(255),
    PRIMARY KEY (project, finding_id, detected_index)
);
CREATE INDEX compliance_drift_environment ON compliance_drift (project, environment);
