-- Read models of SPEC §10 "people": the script text of each planned checksum (stored once per checksum) and
-- which checksum each version is planned with now and before its last replan, for the diff an approver reads.
CREATE TABLE projection_script_text (
    project    VARCHAR(255) NOT NULL,
    checksum   CHAR(64)     NOT NULL,
    version    VARCHAR(255) NOT NULL,
    text       TEXT         NOT NULL,
    findings   JSONB        NOT NULL,
    stored_at  TIMESTAMPTZ  NOT NULL,
    stored_by  VARCHAR(255) NOT NULL,
    PRIMARY KEY (project, checksum)
);

CREATE TABLE projection_script_version (
    project           VARCHAR(255) NOT NULL,
    version           VARCHAR(255) NOT NULL,
    checksum          CHAR(64)     NOT NULL,
    previous_checksum CHAR(64),
    PRIMARY KEY (project, version)
);
