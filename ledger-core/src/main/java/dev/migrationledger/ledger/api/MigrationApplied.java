package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Outcome;
import dev.migrationledger.ledger.domain.Reason;
import dev.migrationledger.ledger.domain.Tool;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A migration ran successfully. Recorded even when it broke rules: those are its {@code violations}.
 * {@code authorizationId} is the execution whose authorization granted it; {@code authorizationDigest} the
 * SHA-256 of the signed authorization's payload the executor verified before running it (null if none).
 */
public record MigrationApplied(String project, String environment, String version, String checksum,
                               String executionId, String authorizationId, String authorizationDigest,
                               Instant startedAt, Instant finishedAt,
                               String gitSha, String pipelineUrl, Tool tool, String schemaFingerprint,
                               List<Reason> violations,
                               Instant occurredAt, Instant recordedAt, String actor) implements ExecutionAttempt {

    @Override
    public Outcome outcome() {
        return Outcome.APPLIED;
    }

    @Override
    public <T> T match(Function<MigrationApplied, T> applied, Function<MigrationFailed, T> failed,
                       Function<MigrationRolledBack, T> rolledBack) {
        return applied.apply(this);
    }
}
