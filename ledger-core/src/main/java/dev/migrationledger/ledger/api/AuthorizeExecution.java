package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Ask whether {@code versions}, in this order, may be applied to an environment now.
 *
 * @param checksums    version → SHA-256 of the file the executor will run; a version not named here is
 *                     taken to run its planned checksum (null: every version runs its planned one)
 * @param targetDigest SHA-256 of the target database's identity, as the executor computes it; bound into
 *                     the signed authorization so that it cannot be used against another database
 * @param validFor     how long the signed authorization may be used to start applying (null: the default)
 * @param dryRun       judge and answer, record nothing: what {@code ledger migrate --dry-run} shows
 */
public record AuthorizeExecution(@TargetAggregateIdentifier String projectId,
                                 String environment,
                                 String executionId,
                                 List<String> versions,
                                 Map<String, String> checksums,
                                 String targetDigest,
                                 Duration validFor,
                                 boolean dryRun,
                                 String gitSha,
                                 String pipelineUrl,
                                 String actor) {

    /** A request that runs the planned checksums, with the default validity. */
    public AuthorizeExecution(String projectId, String environment, String executionId, List<String> versions,
                              String gitSha, String pipelineUrl, String actor) {
        this(projectId, environment, executionId, versions, null, null, null, false, gitSha, pipelineUrl, actor);
    }
}
