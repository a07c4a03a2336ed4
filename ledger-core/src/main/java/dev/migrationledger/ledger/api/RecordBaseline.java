package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Tool;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** History imported from another tool's table: what was already applied before the ledger watched. */
public record RecordBaseline(@TargetAggregateIdentifier String projectId,
                             String environment,
                             List<BaselineEntry> entries,
                             String actor) {

    public record BaselineEntry(String version,
                                String description,
                                String checksum,
                                java.time.Instant installedAt,
                                String installedBy,
                                boolean success,
                                Tool tool,
                                String sourceId) {
    }
}
