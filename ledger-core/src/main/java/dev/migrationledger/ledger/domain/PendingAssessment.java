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
public final class PendingAssessment {

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

    private static boolean awaits(EnvironmentHistory history, MigrationDefinition m) {
        EnvironmentHistory.Applied applied = history.applied(m.version());
        return awaits(m.version(), m.checksum(), applied != null, applied == null ? null : applied.checksum());
    }

    /**
     * Whether a planned (not superseded) migration awaits an environment: it never ran there, or it is a
     * repeatable whose planned checksum is not the one that last ran (an unknown one, as an imported baseline
     * may have, included). The environment-state read model lists pending migrations by this same rule.
     */
    public static boolean awaits(String version, String plannedChecksum, boolean appliedThere, String appliedChecksum) {
        return !appliedThere
                || (Version.parse(version).isRepeatable() && !plannedChecksum.equals(appliedChecksum));
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
