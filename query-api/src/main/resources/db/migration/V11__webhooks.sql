-- Webhooks (SPEC §10). The events are the history of each target's configuration; webhook is the current
-- set, kept by the notification processor in the same transaction that fills the outbox, so a message is
-- queued exactly for the targets configured at that point of the stream.
CREATE TABLE webhook (
    webhook_id    VARCHAR(200)  PRIMARY KEY,
    project       VARCHAR(255)  NOT NULL,
    url           VARCHAR(2000) NOT NULL,
    events        TEXT[]        NOT NULL,
    format        VARCHAR(16)   NOT NULL,
    secret_sha256 CHAR(64)      NOT NULL,
    configured_at TIMESTAMPTZ   NOT NULL,
    configured_by VARCHAR(200)  NOT NULL,
    removed_at    TIMESTAMPTZ
);
CREATE INDEX webhook_project ON webhook (project) WHERE removed_at IS NULL;

-- The signing secrets stay out of the event log, which every authenticated reader can stream; the
-- dispatcher needs them in clear to compute the HMAC. Written by the API before the event is recorded.
CREATE TABLE webhook_secret (
    webhook_id VARCHAR(200) PRIMARY KEY,
    secret     TEXT         NOT NULL
);

-- The outbox: one row per message and target. delivery_id is derived from the event and the target, so a
-- processor that handles an event again after a crash queues nothing twice. state: PENDING until a 2xx,
-- then DELIVERED; GAVE_UP after the last attempt; DROPPED when its webhook was removed first.
CREATE TABLE webhook_delivery (
    delivery_id     UUID          PRIMARY KEY,
    webhook_id      VARCHAR(200)  NOT NULL REFERENCES webhook (webhook_id),
    event_type      VARCHAR(64)   NOT NULL,
    event_id        VARCHAR(255)  NOT NULL,
    global_index    BIGINT        NOT NULL,
    body            TEXT          NOT NULL,
    state           VARCHAR(16)   NOT NULL DEFAULT 'PENDING',
    attempts        INT           NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    -- also the lease: a dispatcher that claims a row moves this past its request timeout, so a row whose
    -- dispatcher died with it is tried again once the lease runs out
    next_attempt_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    delivered_at    TIMESTAMPTZ
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_by_webhook ON webhook_delivery (webhook_id, global_index DESC);

CREATE TABLE webhook_attempt (
    delivery_id  UUID          NOT NULL REFERENCES webhook_delivery (delivery_id),
    attempt      INT           NOT NULL,
    attempted_at TIMESTAMPTZ   NOT NULL,
    duration_ms  BIGINT        NOT NULL,
    status_code  INT,
    error        VARCHAR(1000),
    PRIMARY KEY (delivery_id, attempt)
);
