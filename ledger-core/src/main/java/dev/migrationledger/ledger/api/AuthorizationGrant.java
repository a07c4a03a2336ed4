package dev.migrationledger.ledger.api;

import java.time.Instant;
import java.util.List;

/**
 * What an authorization allows, exactly as the ledger signs it (SPEC §10, the payload of the DSSE envelope
 * {@code application/vnd.migration-ledger.authorization.v1+json}): which versions, with which checksums,
 * may be applied by which execution to which environment and target, until when. Derived only from the
 * recorded {@link ExecutionAuthorized}, so the same event always yields the same payload.
 */
public record AuthorizationGrant(String project, String environment, String executionId,
                                 List<ExecutionAuthorized.AuthorizedMigration> migrations, String targetDigest,
                                 String authorizedBy, Instant authorizedAt, Instant expiresAt) {

    public AuthorizationGrant {
        migrations = migrations == null ? List.of() : List.copyOf(migrations);
    }

    public static AuthorizationGrant of(ExecutionAuthorized e) {
        return new AuthorizationGrant(e.project(), e.environment(), e.executionId(), e.migrations(), e.targetDigest(),
                e.actor(), e.occurredAt(), e.expiresAt());
    }
}
