package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Tool;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** History imported from another tool's table: what was already applied before the ledger watched. */
public record RecordBaseline(@TargetAggregateIdentifier String projectId,
                             String environment,
                             List<BaselineEntry> entries,
                             String actor) {

    /**
     * One history entry. {@code sourceId} names the history row (or revision) it came from and is what makes a
     * second import of the same history a no-op; {@code change} is the tool's own record of it (null from
     * clients that predate it). For tools without versions of their own (Liquibase, Alembic) {@code version} is
     * the tool's order, and the ledger keeps the version it first gave the change.
     */
    public record BaselineEntry(String version,
                                String description,
                                String checksum,
                                java.time.Instant installedAt,
                                String installedBy,
                                boolean success,
                                Tool tool,
                                String sourceId,
                                ToolChange change) {

        public BaselineEntry(String version, String description, String checksum, java.time.Instant installedAt,
                             String installedBy, boolean success, Tool tool, String sourceId) {
            this(version, description, checksum, installedAt, installedBy, success, tool, sourceId, null);
        }
    }
}
