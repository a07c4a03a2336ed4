package dev.migrationledger.service.eventstore;

import dev.migrationledger.ledger.api.EnvironmentDefinition;
import dev.migrationledger.ledger.api.MigrationDefinition;
import dev.migrationledger.ledger.api.PlanMigrations;
import dev.migrationledger.ledger.api.RegisterProject;
import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.domain.EnvironmentPolicy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Commands that set up a realistic project: dev → staging → prod, prod guarded. */
public final class Fixtures {

    private Fixtures() {
    }

    public static RegisterProject project(String id) {
        return new RegisterProject(id, List.of(
                new EnvironmentDefinition("dev", null),
                new EnvironmentDefinition("staging", new EnvironmentPolicy(0, Set.of(), "dev", false, false)),
                new EnvironmentDefinition("prod", new EnvironmentPolicy(1, Set.of(ChangeClass.DESTRUCTIVE), "staging",
                        false, false))), "admin");
    }

    public static String checksum(String script) {
        return Checksum.ofScript(script.getBytes(StandardCharsets.UTF_8)).hex();
    }

    public static PlanMigrations plan(String project, String... versions) {
        return new PlanMigrations(project, java.util.Arrays.stream(versions)
                .map(v -> new MigrationDefinition(v, "step " + v, checksum("-- " + v), ChangeClass.ADDITIVE,
                        null, null, null, null, "OPS-1", "alice"))
                .toList(), "ci-bot");
    }
}
