-- Read models built by the projection processors (query-api …/service/projection). Every row can be
-- rebuilt from domain_event_entry: POST /api/v1/projections/{name}/rebuild truncates and replays.
-- global_index columns record which event last wrote a row, for audits of the read model itself.

-- How far each processing group has applied events; written in the same transaction as its rows, so
-- that a redelivered event (a replay without a reset, a retried batch) is recognised and skipped.
CREATE TABLE projection_position (
    processor  VARCHAR(255) NOT NULL PRIMARY KEY,
    last_index BIGINT       NOT NULL
);

-- ---- environment-state --------------------------------------------------------------------------

CREATE TABLE projection_project (
    id            VARCHAR(255) NOT NULL PRIMARY KEY,
    environments  JSONB        NOT NULL,   -- [{name, policy}] in promotion order
    registered_at TIMESTAMPTZ  NOT NULL,
    registered_by VARCHAR(255) NOT NULL,
    global_index  BIGINT       NOT NULL
);

CREATE TABLE projection_migration (
    project       VARCHAR(255) NOT NULL,
    version       VARCHAR(255) NOT NULL,
    description   TEXT,
    checksum      CHAR(64)     NOT NULL,
    superseded_by VARCHAR(255),
    global_index  BIGINT       NOT NULL,
    PRIMARY KEY (project, version)
);

CREATE TABLE projection_applied (
    project      VARCHAR(255) NOT NULL,
    environment  VARCHAR(255) NOT NULL,
    version      VARCHAR(255) NOT NULL,
    description  TEXT,
    checksum     CHAR(64),                 -- an imported baseline may not know it
    applied_at   TIMESTAMPTZ  NOT NULL,
    actor        VARCHAR(255) NOT NULL,
    execution_id VARCHAR(255),
    violations   JSONB        NOT NULL,
    global_index BIGINT       NOT NULL,
    PRIMARY KEY (project, environment, version)
);

CREATE TABLE projection_failed (
    project      VARCHAR(255) NOT NULL,
    environment  VARCHAR(255) NOT NULL,
    version      VARCHAR(255) NOT NULL,
    checksum     CHAR(64),
    error        TEXT,
    failed_at    TIMESTAMPTZ  NOT NULL,
    execution_id VARCHAR(255),
    global_index BIGINT       NOT NULL,
    PRIMARY KEY (project, environment, version)
);

CREATE TABLE projection_drift (
    project      VARCHAR(255) NOT NULL,
    finding_id   VARCHAR(255) NOT NULL,
    environment  VARCHAR(255) NOT NULL,
    kind         VARCHAR(64)  NOT NULL,
    version      VARCHAR(255),
    detail       TEXT,
    objects      JSONB        NOT NULL,
    scan_id      VARCHAR(255),
    detected_at  TIMESTAMPTZ  NOT NULL,
    actor        VARCHAR(255) NOT NULL,
    global_index BIGINT       NOT NULL,
    PRIMARY KEY (project, finding_id)
);
CREATE INDEX projection_drift_environment ON projection_drift (project, environment);

-- ---- migration-timeline -------------------------------------------------------------------------

CREATE TABLE projection_timeline (
    project      VARCHAR(255) NOT NULL,
    version      VARCHAR(255) NOT NULL,
    global_index BIGINT       NOT NULL,
    type         VARCHAR(64)  NOT NULL,
    environment  VARCHAR(255),
    actor        VARCHAR(255) NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    recorded_at  TIMESTAMPTZ  NOT NULL,
    summary      TEXT         NOT NULL,
    event        JSONB        NOT NULL,
    PRIMARY KEY (project, version, global_index)
);
