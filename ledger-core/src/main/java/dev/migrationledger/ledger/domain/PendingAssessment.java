package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.MigrationDefinition;
import dev.migrationledger.ledger.api.PendingMigration;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What awaits each environment, judged by {@link PolicyRules} exactly as an authorization request for that one
 * version would be: the approver's list and the gate never disagree.
 */
final class PendingAssessment {

    private final ProjectState state;

    PendingAssessment(ProjectState state) {
        this.state = state;
    }

    List<PendingMigration> pending(List<String> environments) {
        PolicyRules rules = new PolicyRules(state);
        List<PendingMigration> pending = new ArrayList<>();
        for (String environment : environments) {
            EnvironmentPolicy policy = state.policy(environment);
            EnvironmentHistory history = state.history(environment);
            state.migrations().values().stream()
                    .filter(m -> awaits(history, m) && !state.isSuperseded(m.version()))
                    .sorted((a, b) -> Version.parse(a.version()).compareTo(Version.parse(b.version())))
                    .forEach(m -> pending.add(entry(rules, environment, policy, m)));
        }
        return pending;
    }

    /** Not applied there; a repeatable also awaits when its new checksum has not run yet. */
    private static boolean awaits(EnvironmentHistory history, MigrationDefinition m) {
        EnvironmentHistory.Applied applied = history.applied(m.version());
        return applied == null
                || (Version.parse(m.version()).isRepeatable() && !applied.checksum().equals(m.checksum()));
    }

    private PendingMigration entry(PolicyRules rules, String environment, EnvironmentPolicy policy,
                                   MigrationDefinition m) {
        Set<String> approvers = rules.countingApprovers(environment, m);
        return new PendingMigration(m.version(), environment, m.description(), m.author(), state.plannedBy(m.version()),
                m.changeClass() == null ? null : m.changeClass().name(), m.checksum(), approvers.size(),
                policy.requiredApprovals(), List.copyOf(approvers),
                m.changeClass() != null && policy.backupRequiredFor().contains(m.changeClass()),
                rules.judge(environment, m, Set.of()));
    }
}
