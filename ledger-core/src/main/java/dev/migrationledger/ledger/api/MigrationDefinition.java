package dev.migrationledger.ledger.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.Phase;
import dev.migrationledger.ledger.domain.RollbackStrategy;
import dev.migrationledger.ledger.domain.Risk;

/**
 * What a plan says about one migration (SPEC §3). {@code version} is the canonical version key. A plan leaves
 * {@code author} out to mean "the caller"; the aggregate records the caller there, so a stored one always has it.
 */
public record MigrationDefinition(String version,
                                  String description,
                                  String checksum,
                                  ChangeClass changeClass,
                                  Risk risk,
                                  Phase phase,
                                  String expands,
                                  RollbackStrategy rollback,
                                  String ticket,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) String author) {
}
