package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.Phase;
import dev.migrationledger.ledger.domain.RollbackStrategy;
import dev.migrationledger.ledger.domain.Risk;

/** What a plan says about one migration (SPEC §3). {@code version} is the canonical version key. */
public record MigrationDefinition(String version,
                                  String description,
                                  String checksum,
                                  ChangeClass changeClass,
                                  Risk risk,
                                  Phase phase,
                                  String expands,
                                  RollbackStrategy rollback,
                                  String ticket,
                                  String author) {
}
