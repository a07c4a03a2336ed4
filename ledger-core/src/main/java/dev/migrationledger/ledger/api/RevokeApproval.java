package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RevokeApproval(@TargetAggregateIdentifier String projectId,
                             String version,
                             String approvalId,
                             String reason,
                             String actor) {
}
