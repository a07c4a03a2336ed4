package dev.migrationledger.executor.flyway;

import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.Phase;
import dev.migrationledger.ledger.domain.RollbackStrategy;
import dev.migrationledger.ledger.domain.Risk;
import dev.migrationledger.ledger.domain.Version;
import java.util.List;

/**
 * What a script's leading comment block declares (SPEC §8); null where it declares nothing.
 *
 * @param rollout {@code safe} or {@code requires-maintenance-window}, from the KFM form
 */
public record ScriptHeader(String id, String author, String ticket, Risk risk, String rollout,
                           RollbackStrategy rollback, Phase phase, Version expands, ChangeClass changeClass,
                           List<HeaderIssue> issues) {

    public static final ScriptHeader NONE =
            new ScriptHeader(null, null, null, null, null, null, null, null, null, List.of());

    public boolean hasErrors() {
        return issues.stream().anyMatch(HeaderIssue::error);
    }
}
