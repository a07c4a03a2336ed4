package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Outcome;
import dev.migrationledger.ledger.domain.Reason;
import dev.migrationledger.ledger.domain.Tool;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

public record MigrationFailed(String project, String environment, String version, String checksum,
                              String executionId, String authorizationId, String authorizationDigest,
                              Instant startedAt, Instant finishedAt, String error,
                              String gitSha, String pipelineUrl, Tool tool,
                              List<Reason> violations,
                              Instant occurredAt, Instant recordedAt, String actor) implements ExecutionAttempt {

    @Override
    public Outcome outcome() {
        return Outcome.FAILED;
    }

    @Override
    public <T> T match(Function<MigrationApplied, T> applied, Function<MigrationFailed, T> failed,
                       Function<MigrationRolledBack, T> rolledBack) {
        return failed.apply(this);
    }
}
