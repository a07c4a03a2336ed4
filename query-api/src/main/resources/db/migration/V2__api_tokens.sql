-- Bearer tokens (SPEC §7). Only a SHA-256 of each token is stored: tokens are 256-bit random
-- values, so a fast hash is enough, and the plain token is shown once, at creation.
CREATE TABLE api_token (
    id          UUID         PRIMARY KEY,
    principal   VARCHAR(64)  NOT NULL,
    roles       TEXT[]       NOT NULL,
    token_hash  BYTEA        NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ  NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX api_token_principal ON api_token (principal);
