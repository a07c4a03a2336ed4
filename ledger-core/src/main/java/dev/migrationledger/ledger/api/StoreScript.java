package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Keeps a planned migration's script text; the text must hash to a checksum the version was planned with. */
public record StoreScript(@TargetAggregateIdentifier String projectId,
                          String version,
                          String text,
                          List<ScriptFinding> findings,
                          String actor) {
}
