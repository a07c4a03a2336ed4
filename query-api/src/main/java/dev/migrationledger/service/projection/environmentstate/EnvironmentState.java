package dev.migrationledger.service.projection.environmentstate;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * What one environment holds according to the ledger (SPEC §7.1). {@code lastIndex} is the global
 * index up to which the environment-state projection has applied events: the state is exact as of it.
 */
public record EnvironmentState(String project,
                               String environment,
                               String currentVersion,
                               long lastIndex,
                               List<Applied> applied,
                               List<Pending> pending,
                               List<Failed> failed,
                               List<OpenDrift> drift) {

    public record Applied(String version, String description, String checksum, Instant appliedAt, String actor,
                          String executionId, JsonNode violations) {
    }

    public record Pending(String version, String checksum) {
    }

    public record Failed(String version, String error, Instant failedAt) {
    }

    public record OpenDrift(String findingId, String kind, String version, String detail, JsonNode objects,
                            String scanId, Instant detectedAt, String actor) {
    }
}
