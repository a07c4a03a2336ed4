package dev.migrationledger.ledger.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code POST …/environments/{e}/authorizations}. {@code checksums}: version → SHA-256 of the file to run (absent:
 * the planned ones); {@code targetDigest}: SHA-256 of the target database's identity; {@code dryRun}: judge every
 * version, record nothing, sign nothing. What a client leaves null is not sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthorizationRequest(String executionId, List<String> versions, Map<String, String> checksums,
                                   String targetDigest, Boolean dryRun, String gitSha, String pipelineUrl) {
}
