package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.AuthorizationResult;
import dev.migrationledger.ledger.api.AuthorizeExecution;
import dev.migrationledger.ledger.api.ExecutionAuthorized;
import dev.migrationledger.ledger.api.ExecutionDenied;
import dev.migrationledger.ledger.api.MigrationDefinition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Judges an authorization request (R4): versions in the order given, each as if the earlier ones in
 * the same request had been applied, stopping at the first denied one. Both outcomes are recorded, so
 * the log shows every attempt to change a database, allowed or not.
 */
final class AuthorizationJudge {

    static final int MAX_VERSIONS = 1000;

    private final ProjectState state;
    private final String projectId;

    AuthorizationJudge(ProjectState state, String projectId) {
        this.state = state;
        this.projectId = projectId;
    }

    AuthorizationResult authorize(AuthorizeExecution cmd, Instant now) {
        InputCheck check = new InputCheck().key("executionId", cmd.executionId())
                .text("pipelineUrl", cmd.pipelineUrl(), false).text("gitSha", cmd.gitSha(), false);
        if (cmd.environment() == null || !state.hasEnvironment(cmd.environment())) {
            check.add(ReasonCode.UNKNOWN_ENVIRONMENT.reason("project " + projectId + " has no environment '"
                    + cmd.environment() + "'", "environment"));
        }
        List<String> versions = cmd.versions() == null ? List.of() : cmd.versions();
        check.require(!versions.isEmpty() && versions.size() <= MAX_VERSIONS, "versions",
                "versions lists 1 to " + MAX_VERSIONS + " versions, in the order they will be applied");
        for (int i = 0; i < versions.size(); i++) {
            check.version("versions[" + i + "]", versions.get(i));
        }
        check.throwIfInvalid();
        List<String> keys = versions.stream().map(v -> Version.parse(v).key()).toList();
        if (new HashSet<>(keys).size() != keys.size()) {
            new InputCheck().invalid("versions", "a version appears twice in the request").throwIfInvalid();
        }
        ProjectState.AuthorizationRecord earlier = state.authorizations.get(cmd.executionId());
        if (earlier != null) {
            if (earlier.fingerprint().equals(Fingerprints.authorization(cmd.environment(), keys))) {
                return earlier.result();
            }
            throw new CommandRejectedException(ReasonCode.IDEMPOTENCY_CONFLICT.reason(
                    "executionId " + cmd.executionId() + " was authorized before for other versions or another environment"));
        }
        return judge(cmd, keys, now);
    }

    private AuthorizationResult judge(AuthorizeExecution cmd, List<String> keys, Instant now) {
        PolicyRules rules = new PolicyRules(state);
        EnvironmentHistory history = state.history(cmd.environment());
        Set<String> asIfApplied = new HashSet<>();
        List<ExecutionAuthorized.AuthorizedMigration> granted = new ArrayList<>();
        AuthorizationResult.Denial denial = null;
        for (String key : keys) {
            MigrationDefinition m = state.migration(key);
            List<Reason> reasons;
            if (m == null) {
                reasons = List.of(ReasonCode.UNKNOWN_MIGRATION.reason("version " + key + " is not planned; run ledger plan first"));
            } else if (history.isApplied(key) && history.applied(key).checksum() != null
                    && history.applied(key).checksum().equals(m.checksum())) {
                reasons = List.of(ReasonCode.INVALID_INPUT.reason("version " + key + " is already applied in "
                        + cmd.environment() + " with this checksum", "versions"));
            } else {
                reasons = rules.judge(cmd.environment(), m, asIfApplied);
            }
            if (!reasons.isEmpty()) {
                denial = new AuthorizationResult.Denial(key, reasons);
                break;
            }
            granted.add(new ExecutionAuthorized.AuthorizedMigration(key, m.checksum()));
            asIfApplied.add(key);
        }
        if (!granted.isEmpty()) {
            apply(new ExecutionAuthorized(projectId, cmd.environment(), cmd.executionId(), granted, keys,
                    cmd.gitSha(), cmd.pipelineUrl(), now, now, cmd.actor()));
        }
        if (denial != null) {
            apply(new ExecutionDenied(projectId, cmd.environment(), cmd.executionId(), denial.version(),
                    denial.reasons(), keys, cmd.gitSha(), cmd.pipelineUrl(), now, now, cmd.actor()));
        }
        return state.authorizations.get(cmd.executionId()).result();
    }
}
