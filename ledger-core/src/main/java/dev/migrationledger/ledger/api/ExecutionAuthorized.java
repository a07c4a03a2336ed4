package dev.migrationledger.ledger.api;

import java.time.Instant;
import java.util.List;

/** The versions, in order, that may be applied by one execution; each with the checksum authorized. */
public record ExecutionAuthorized(String project, String environment, String executionId,
                                  List<AuthorizedMigration> migrations, List<String> requested,
                                  String gitSha, String pipelineUrl,
                                  Instant occurredAt, Instant recordedAt, String actor) implements LedgerEvent {

    public record AuthorizedMigration(String version, String checksum) {
    }
}
