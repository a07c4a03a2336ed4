package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Reason;

import java.util.List;

/**
 * A fact about one execution of a migration in an environment: applied, failed or rolled back. Readers that
 * ask "which execution, where, of what" ask this instead of testing each fact type, so a new kind of fact
 * cannot fall through a chain of {@code instanceof} to a cast.
 */
public interface RecordedFact extends LedgerEvent {

    String environment();

    String version();

    String executionId();

    List<Reason> violations();
}
