package dev.migrationledger.ledger.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The versions, in order, that may be applied by one execution; each with the checksum authorized.
 * {@code checksums} and {@code targetDigest} are what the request named (for R9 replays); {@code expiresAt}
 * ends the signed authorization's use (null on events recorded before authorizations were signed).
 */
public record ExecutionAuthorized(String project, String environment, String executionId,
                                  List<AuthorizedMigration> migrations, List<String> requested,
                                  Map<String, String> checksums, String targetDigest, Instant expiresAt,
                                  String gitSha, String pipelineUrl,
                                  Instant occurredAt, Instant recordedAt, String actor) implements EnvironmentScoped {

    public record AuthorizedMigration(String version, String checksum) {
    }
}
