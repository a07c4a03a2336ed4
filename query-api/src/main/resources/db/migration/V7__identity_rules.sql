-- Identity rules (SPEC §10): the rules in force, one row each, kept by IdentityRuleProjection in the
-- transaction that records their IdentityRuleChanged event, so a rule admits tokens as soon as its
-- POST returns, on every instance. The events are the history; this table is only the current set.
CREATE TABLE identity_rule (
    rule_id     VARCHAR(200)  PRIMARY KEY,
    issuer      VARCHAR(500)  NOT NULL,
    rule        JSONB         NOT NULL,
    -- global order of definition: the first rule that matches a token wins
    defined_seq BIGINT        NOT NULL,
    defined_at  TIMESTAMPTZ   NOT NULL,
    defined_by  VARCHAR(200)  NOT NULL
);
CREATE INDEX identity_rule_issuer ON identity_rule (issuer, defined_seq);
