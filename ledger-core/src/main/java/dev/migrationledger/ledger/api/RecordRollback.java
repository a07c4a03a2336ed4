package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Tool;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A physical rollback that happened (a fact). */
public record RecordRollback(@TargetAggregateIdentifier String projectId,
                             String environment,
                             String version,
                             String executionId,
                             String reason,
                             Instant occurredAt,
                             Tool tool,
                             String actor) {
}
