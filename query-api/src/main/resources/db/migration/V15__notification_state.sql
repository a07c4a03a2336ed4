-- What the notification processor needs to know beyond the event at hand, kept in stream order like
-- the webhook table. Each environment's policy as of that point of the stream: approval.needed is sent
-- only for environments whose policy requires approvals (the rule itself is the domain's).
CREATE TABLE notification_environment (
    project     VARCHAR(255) NOT NULL,
    environment VARCHAR(255) NOT NULL,
    policy      TEXT         NOT NULL,
    PRIMARY KEY (project, environment)
);

-- Emergency-change reviews (§10) the overdue check watches: the fact that opened each, and whether
-- review.overdue was raised for it. overdue_raised_at is set in the transaction that queues the
-- messages, so a restart or a second instance never raises one review twice.
CREATE TABLE review_watch (
    project           VARCHAR(255) NOT NULL,
    review_id         VARCHAR(255) NOT NULL,
    event_id          VARCHAR(255) NOT NULL,
    global_index      BIGINT       NOT NULL,
    reviewed          BOOLEAN      NOT NULL DEFAULT false,
    overdue_raised_at TIMESTAMPTZ,
    PRIMARY KEY (project, review_id)
);
CREATE INDEX review_watch_unraised ON review_watch (project) WHERE overdue_raised_at IS NULL AND NOT reviewed;

-- Deployments that ran an earlier version: their processor is past these events already.
INSERT INTO notification_environment (project, environment, policy)
SELECT DISTINCT ON (e.aggregate_identifier, env.value ->> 'name') e.aggregate_identifier, env.value ->> 'name',
       (env.value -> 'policy')::text
FROM domain_event_entry e, jsonb_array_elements(convert_from(e.payload, 'UTF8')::jsonb -> 'environments') env
WHERE e.payload_type = 'dev.migrationledger.ledger.api.ProjectRegistered'
ORDER BY e.aggregate_identifier, env.value ->> 'name', e.global_index DESC;

INSERT INTO notification_environment (project, environment, policy)
SELECT DISTINCT ON (e.aggregate_identifier, j.p ->> 'environment') e.aggregate_identifier, j.p ->> 'environment',
       (j.p -> 'policy')::text
FROM domain_event_entry e CROSS JOIN LATERAL (SELECT convert_from(e.payload, 'UTF8')::jsonb AS p) j
WHERE e.payload_type = 'dev.migrationledger.ledger.api.EnvironmentPolicyChanged'
ORDER BY e.aggregate_identifier, j.p ->> 'environment', e.global_index DESC
ON CONFLICT (project, environment) DO UPDATE SET policy = EXCLUDED.policy;
