package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Outcome;
import dev.migrationledger.ledger.domain.Reason;
import dev.migrationledger.ledger.domain.Tool;

import java.util.List;
import java.util.function.Function;

/**
 * A fact about one execution of a migration in an environment: applied, failed or rolled back. Readers that
 * ask "which execution, where, of what" ask this instead of testing each fact type; readers that need what
 * only one kind carries {@link #match} it, so a new kind of fact is a compile error in each of them rather
 * than a fall-through of a chain of {@code instanceof} to a cast.
 */
public sealed interface RecordedFact extends EnvironmentScoped, VersionScoped
        permits ExecutionAttempt, MigrationRolledBack {

    String executionId();

    Tool tool();

    List<Reason> violations();

    Outcome outcome();

    /** The one function that fits this kind of fact, applied to it. */
    <T> T match(Function<MigrationApplied, T> applied, Function<MigrationFailed, T> failed,
                Function<MigrationRolledBack, T> rolledBack);
}
