package dev.migrationledger.ledger.api;

import java.time.Instant;

/** A run of a migration as its executor reported it: applied or failed, as authorized or not. */
public sealed interface ExecutionAttempt extends RecordedFact permits MigrationApplied, MigrationFailed {

    /** The checksum that ran. */
    String checksum();

    /** The execution whose authorization granted the run, or null when none did. */
    String authorizationId();

    Instant startedAt();

    Instant finishedAt();

    String gitSha();

    String pipelineUrl();
}
