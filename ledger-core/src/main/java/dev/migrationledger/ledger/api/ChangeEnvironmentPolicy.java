package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.EnvironmentPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeEnvironmentPolicy(@TargetAggregateIdentifier String projectId,
                                      String environment,
                                      EnvironmentPolicy policy,
                                      String actor) {
}
