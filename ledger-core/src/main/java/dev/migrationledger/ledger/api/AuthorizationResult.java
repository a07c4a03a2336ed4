package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Reason;

import java.util.List;

/**
 * The answer to an {@link AuthorizeExecution}: the authorized prefix, the denial that ended it (a dry run
 * lists every denied version), and the grant the service signs (null when nothing was authorized or
 * nothing was recorded).
 */
public record AuthorizationResult(String executionId, List<String> authorized, List<Denial> denied,
                                  AuthorizationGrant grant) {

    public record Denial(String version, List<Reason> reasons) {
    }
}
