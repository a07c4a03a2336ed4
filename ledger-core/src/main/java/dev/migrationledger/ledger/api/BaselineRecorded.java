package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Tool;

import java.time.Instant;

/**
 * A migration already applied (or failed) before the ledger watched, imported from another tool's history.
 * {@code change} is the tool's own record of it; events stored before it existed read it as null.
 */
public record BaselineRecorded(String project, String environment, String version, String description,
                               String checksum, boolean success, Tool tool, String installedBy, String sourceId,
                               Instant occurredAt, Instant recordedAt, String actor, ToolChange change)
        implements EnvironmentScoped, VersionScoped {

    public BaselineRecorded(String project, String environment, String version, String description, String checksum,
                            boolean success, Tool tool, String installedBy, String sourceId, Instant occurredAt,
                            Instant recordedAt, String actor) {
        this(project, environment, version, description, checksum, success, tool, installedBy, sourceId, occurredAt,
                recordedAt, actor, null);
    }
}
