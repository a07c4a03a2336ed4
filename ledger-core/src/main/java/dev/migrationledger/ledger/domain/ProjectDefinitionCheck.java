package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.EnvironmentDefinition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validates a project registration and environment policies; fills in the default policies. */
final class ProjectDefinitionCheck {

    static final int MAX_ENVIRONMENTS = 20;

    List<EnvironmentDefinition> normalize(String projectId, List<EnvironmentDefinition> environments) {
        InputCheck check = new InputCheck().identifier("id", projectId);
        if (environments == null || environments.isEmpty() || environments.size() > MAX_ENVIRONMENTS) {
            check.invalid("environments", "a project has 1 to " + MAX_ENVIRONMENTS + " environments, in promotion order");
            check.throwIfInvalid();
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < environments.size(); i++) {
            EnvironmentDefinition env = environments.get(i);
            String name = env == null ? null : env.name();
            check.identifier("environments[" + i + "].name", name);
            if (name != null && !seen.add(name)) {
                check.invalid("environments[" + i + "].name", "environment " + name + " appears twice");
            }
            names.add(name);
        }
        check.throwIfInvalid();
        List<EnvironmentDefinition> normalized = new ArrayList<>();
        for (int i = 0; i < environments.size(); i++) {
            EnvironmentDefinition env = environments.get(i);
            EnvironmentPolicy policy = env.policy() == null
                    ? EnvironmentPolicy.defaults(i == environments.size() - 1) : env.policy();
            try {
                normalized.add(new EnvironmentDefinition(env.name(),
                        checkPolicy(env.name(), policy, names, "environments[" + i + "].policy")));
            } catch (CommandRejectedException e) {
                e.reasons().forEach(check::add);
            }
        }
        check.throwIfInvalid();
        return normalized;
    }

    EnvironmentPolicy checkPolicy(String environment, EnvironmentPolicy policy, List<String> environments, String field) {
        InputCheck check = new InputCheck();
        if (policy == null) {
            check.invalid(field, "a policy is required");
        } else if (policy.promoteFrom() != null) {
            if (policy.promoteFrom().equals(environment)) {
                check.invalid(field + ".promoteFrom", "an environment cannot be promoted from itself");
            } else if (!environments.contains(policy.promoteFrom())) {
                check.add(ReasonCode.UNKNOWN_ENVIRONMENT.reason("promoteFrom names '" + policy.promoteFrom()
                        + "', which is not an environment of the project", field + ".promoteFrom"));
            }
        }
        check.throwIfInvalid();
        return policy;
    }
}
