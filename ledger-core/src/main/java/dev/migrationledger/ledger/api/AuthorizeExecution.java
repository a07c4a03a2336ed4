package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Ask whether {@code versions}, in this order, may be applied to an environment now. */
public record AuthorizeExecution(@TargetAggregateIdentifier String projectId,
                                 String environment,
                                 String executionId,
                                 List<String> versions,
                                 String gitSha,
                                 String pipelineUrl,
                                 String actor) {
}
