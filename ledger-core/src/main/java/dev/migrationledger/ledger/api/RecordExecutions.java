package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** One fact or a batch of facts about one environment; all are validated before any is recorded. */
public record RecordExecutions(@TargetAggregateIdentifier String projectId,
                               String environment,
                               List<ExecutionFact> facts,
                               String actor) {
}
