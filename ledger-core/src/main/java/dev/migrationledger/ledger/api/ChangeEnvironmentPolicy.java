package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes the fields of an environment's policy that the patch names; the others stay as they are. */
public record ChangeEnvironmentPolicy(@TargetAggregateIdentifier String projectId,
                                      String environment,
                                      PolicyPatch patch,
                                      String actor) {
}
