package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Outcome;
import dev.migrationledger.ledger.domain.Reason;
import dev.migrationledger.ledger.domain.Tool;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

public record MigrationRolledBack(String project, String environment, String version, String executionId,
                                  String reason, Tool tool, List<Reason> violations,
                                  Instant occurredAt, Instant recordedAt, String actor) implements RecordedFact {

    @Override
    public Outcome outcome() {
        return Outcome.ROLLED_BACK;
    }

    @Override
    public <T> T match(Function<MigrationApplied, T> applied, Function<MigrationFailed, T> failed,
                       Function<MigrationRolledBack, T> rolledBack) {
        return rolledBack.apply(this);
    }
}
