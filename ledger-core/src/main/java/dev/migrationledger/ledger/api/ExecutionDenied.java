package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Reason;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The first version of a request that may not be applied, with every reason; later ones were not judged.
 * {@code checksums} and {@code targetDigest} are what the request named: the log shows which file was
 * presented when a changed one was refused.
 */
public record ExecutionDenied(String project, String environment, String executionId, String version,
                              List<Reason> reasons, List<String> requested,
                              Map<String, String> checksums, String targetDigest,
                              String gitSha, String pipelineUrl,
                              Instant occurredAt, Instant recordedAt, String actor) implements EnvironmentScoped, VersionScoped {
}
