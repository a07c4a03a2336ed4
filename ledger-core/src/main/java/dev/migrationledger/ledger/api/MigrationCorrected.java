package dev.migrationledger.ledger.api;

import java.time.Instant;

/** A failed migration superseded by a newer corrective version; unblocks the environments it blocked (R6). */
public record MigrationCorrected(String project, String version, String correctedBy, String reason,
                                 Instant occurredAt, Instant recordedAt, String actor) implements VersionScoped {
}
