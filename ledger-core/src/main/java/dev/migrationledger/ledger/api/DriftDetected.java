package dev.migrationledger.ledger.api;

import java.time.Instant;
import java.util.List;

/**
 * A difference between the ledger and the real database found by a scan. {@code kind} is one of
 * MISSING_IN_DB, UNKNOWN_IN_DB, CHECKSUM_DIFFERS, FAILED_IN_DB, SCHEMA_CHANGED_OUTSIDE_MIGRATIONS.
 */
public record DriftDetected(String project, String environment, String findingId, String kind, String version,
                            String detail, List<String> objects, String scanId,
                            Instant occurredAt, Instant recordedAt, String actor) implements EnvironmentScoped {
}
