package dev.migrationledger.service.projection.environmentstate;

import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.EnvironmentPolicy;

import java.time.Instant;
import java.util.List;

/** A registered project as GET /projects shows it: environments in promotion order, each with its policy. */
public record ProjectView(String id, List<Environment> environments, Instant registeredAt, String registeredBy) {

    public record Environment(String name, Policy policy) {
    }

    /** The policy with {@code backupRequiredFor} sorted, so that the stored JSON is the same on every rebuild. */
    public record Policy(int requiredApprovals, List<ChangeClass> backupRequiredFor, String promoteFrom,
                         boolean outOfOrder, boolean frozen) {

        static Policy of(EnvironmentPolicy policy) {
            return new Policy(policy.requiredApprovals(), policy.backupRequiredFor().stream().sorted().toList(),
                    policy.promoteFrom(), policy.outOfOrder(), policy.frozen());
        }
    }

    public boolean hasEnvironment(String name) {
        return environments.stream().anyMatch(e -> e.name().equals(name));
    }
}
