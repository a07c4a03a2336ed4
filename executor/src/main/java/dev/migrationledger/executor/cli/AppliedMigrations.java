package dev.migrationledger.executor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.ledger.domain.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each migration already ran, as the ledger knows it: the {@code applied} rows of every environment's state
 * ({@code GET …/environments/{e}/state}), which hold applied facts and imported baselines alike.
 */
final class AppliedMigrations {

    private AppliedMigrations() {
    }

    /**
     * Version → the environments (in the project's order) that applied or baselined it.
     *
     * @param registered the project as {@code GET /projects/{p}} answered it
     */
    static Map<Version, List<String>> of(LedgerClient client, String project, JsonNode registered) {
        Map<Version, List<String>> ranIn = new TreeMap<>();
        for (JsonNode environment : registered.path("environments")) {
            String name = environment.path("name").asText();
            for (JsonNode applied : client.state(project, name).path("applied")) {
                Version version;
                try {
                    version = Version.parse(applied.path("version").asText());
                } catch (IllegalArgumentException e) {
                    continue; // the service only stores parsed versions; a row without one names no file here
                }
                List<String> environments = ranIn.computeIfAbsent(version, v -> new ArrayList<>());
                if (!environments.contains(name)) {
                    environments.add(name);
                }
            }
        }
        return ranIn;
    }
}
