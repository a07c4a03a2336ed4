package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.AuthorizationResult;
import dev.migrationledger.ledger.api.AuthorizeExecution;
import dev.migrationledger.ledger.api.ExecutionAuthorized;
import dev.migrationledger.ledger.api.ExecutionDenied;
import dev.migrationledger.ledger.api.LedgerEvent;
import dev.migrationledger.ledger.api.MigrationDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges an authorization request (R4): versions in the order given, each as if the earlier ones in
 * the same request had been applied, stopping at the first denied one. Both outcomes are recorded, so
 * the log shows every attempt to change a database, allowed or not. A dry run records nothing and
 * judges every version (still as if the earlier ones had been applied), so one look shows everything
 * that blocks a deployment.
 */
final class AuthorizationJudge {

    static final int MAX_VERSIONS = 1000;
    /** Long enough for clocks that disagree by minutes, short enough that an old answer is useless. */
    static final Duration DEFAULT_VALIDITY = Duration.ofHours(1);
    static final Duration MAX_VALIDITY = Duration.ofDays(1);

    private final ProjectState state;
    private final String projectId;

    AuthorizationJudge(ProjectState state, String projectId) {
        this.state = state;
        this.projectId = projectId;
    }

    Decision<AuthorizationResult> authorize(AuthorizeExecution cmd, Instant now) {
        InputCheck check = new InputCheck().key("executionId", cmd.executionId())
                .text("pipelineUrl", cmd.pipelineUrl(), false).text("gitSha", cmd.gitSha(), false)
                .optionalChecksum("targetDigest", cmd.targetDigest());
        if (cmd.environment() == null || !state.hasEnvironment(cmd.environment())) {
            check.add(ReasonCode.UNKNOWN_ENVIRONMENT.reason("project " + projectId + " has no environment '"
                    + cmd.environment() + "'; it has " + String.join(", ", state.environments()), "environment"));
        }
        List<String> versions = cmd.versions() == null ? List.of() : cmd.versions();
        check.require(!versions.isEmpty() && versions.size() <= MAX_VERSIONS, "versions",
                "versions lists 1 to " + MAX_VERSIONS + " versions, in the order they will be applied");
        for (int i = 0; i < versions.size(); i++) {
            check.version("versions[" + i + "]", versions.get(i));
        }
        if (cmd.validFor() != null) {
            check.require(!cmd.validFor().isNegative() && !cmd.validFor().isZero() && cmd.validFor().compareTo(MAX_VALIDITY) <= 0, "validFor",
                    "an authorization is valid for more than nothing and at most " + MAX_VALIDITY);
        }
        checkChecksums(cmd.checksums(), versions, check);
        check.throwIfInvalid();
        List<String> keys = versions.stream().map(v -> Version.parse(v).key()).toList();
        if (new HashSet<>(keys).size() != keys.size()) {
            new InputCheck().invalid("versions", "a version appears twice in the request").throwIfInvalid();
        }
        Map<String, String> checksums = checksums(cmd.checksums(), keys);
        String targetDigest = cmd.targetDigest() == null ? null : Checksum.parse(cmd.targetDigest()).hex();
        if (cmd.dryRun()) {
            return Decision.nothing(dryRun(cmd, keys, checksums));
        }
        ProjectState.AuthorizationRecord earlier = state.authorization(cmd.executionId());
        if (earlier != null) {
            if (earlier.requestDigest().equals(RequestDigests.authorization(cmd.environment(), keys, checksums, targetDigest))) {
                return Decision.nothing(earlier.result());
            }
            throw new CommandRejectedException(ReasonCode.IDEMPOTENCY_CONFLICT.reason(
                    "executionId " + cmd.executionId() + " was authorized before for other versions, checksums, "
                            + "target or another environment"));
        }
        return judge(cmd, keys, checksums, targetDigest, now);
    }

    /** Every malformed entry of the request's checksums, and every one naming a version the request does not list. */
    private static void checkChecksums(Map<String, String> requested, List<String> versions, InputCheck check) {
        if (requested == null) {
            return;
        }
        Set<String> listed = new HashSet<>();
        for (String v : versions) {
            if (new InputCheck().version("v", v).ok()) {
                listed.add(Version.parse(v).key());
            }
        }
        requested.forEach((version, checksum) -> {
            String field = "checksums." + version;
            InputCheck entry = new InputCheck().version(field, version).checksum(field, checksum);
            if (entry.ok() && !listed.contains(Version.parse(version).key())) {
                entry.invalid(field, "checksums names " + version + ", which versions does not list");
            }
            entry.reasons().forEach(check::add);
        });
    }

    /** The request's checksums by canonical version key, in request order; null when the request named none. */
    private static Map<String, String> checksums(Map<String, String> requested, List<String> keys) {
        if (requested == null) {
            return null;
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        requested.forEach((version, checksum) -> byKey.put(Version.parse(version).key(), Checksum.parse(checksum).hex()));
        Map<String, String> ordered = new LinkedHashMap<>();
        keys.stream().filter(byKey::containsKey).forEach(k -> ordered.put(k, byKey.get(k)));
        return ordered;
    }

    private Decision<AuthorizationResult> judge(AuthorizeExecution cmd, List<String> keys, Map<String, String> checksums,
                                      String targetDigest, Instant now) {
        Set<String> asIfApplied = new HashSet<>();
        List<ExecutionAuthorized.AuthorizedMigration> granted = new ArrayList<>();
        AuthorizationResult.Denial denial = null;
        for (String key : keys) {
            String toRun = checksumToRun(key, checksums);
            List<Reason> reasons = reasons(cmd.environment(), key, toRun, asIfApplied);
            if (!reasons.isEmpty()) {
                denial = new AuthorizationResult.Denial(key, reasons);
                break;
            }
            granted.add(new ExecutionAuthorized.AuthorizedMigration(key, toRun));
            asIfApplied.add(key);
        }
        List<LedgerEvent> events = new ArrayList<>();
        if (!granted.isEmpty()) {
            Duration validFor = cmd.validFor() == null ? DEFAULT_VALIDITY : cmd.validFor();
            events.add(new ExecutionAuthorized(projectId, cmd.environment(), cmd.executionId(), granted, keys, checksums,
                    targetDigest, now.plus(validFor), cmd.gitSha(), cmd.pipelineUrl(), now, now, cmd.actor()));
        }
        if (denial != null) {
            events.add(new ExecutionDenied(projectId, cmd.environment(), cmd.executionId(), denial.version(),
                    denial.reasons(), keys, checksums, targetDigest, cmd.gitSha(), cmd.pipelineUrl(), now, now,
                    cmd.actor()));
        }
        return new Decision<>(events, () -> state.authorization(cmd.executionId()).result());
    }

    private AuthorizationResult dryRun(AuthorizeExecution cmd, List<String> keys, Map<String, String> checksums) {
        Set<String> asIfApplied = new HashSet<>();
        List<String> authorized = new ArrayList<>();
        List<AuthorizationResult.Denial> denied = new ArrayList<>();
        for (String key : keys) {
            List<Reason> reasons = reasons(cmd.environment(), key, checksumToRun(key, checksums), asIfApplied);
            if (!reasons.isEmpty()) {
                denied.add(new AuthorizationResult.Denial(key, reasons));
            } else if (denied.isEmpty()) {
                authorized.add(key);
            }
            asIfApplied.add(key);
        }
        return new AuthorizationResult(cmd.executionId(), authorized, denied, null);
    }

    private String checksumToRun(String key, Map<String, String> checksums) {
        if (checksums != null && checksums.containsKey(key)) {
            return checksums.get(key);
        }
        MigrationDefinition planned = state.migration(key);
        return planned == null ? null : planned.checksum();
    }

    private List<Reason> reasons(String environment, String key, String toRun, Set<String> asIfApplied) {
        MigrationDefinition m = state.migration(key);
        if (m == null) {
            return List.of(ReasonCode.UNKNOWN_MIGRATION.reason("version " + key + " is not planned; run ledger plan first"));
        }
        EnvironmentHistory.Applied applied = state.history(environment).applied(key);
        if (applied != null && toRun.equals(applied.checksum())) {
            return List.of(ReasonCode.INVALID_INPUT.reason("version " + key + " is already applied in "
                    + environment + " with this checksum", "versions"));
        }
        PolicyRules rules = new PolicyRules(state);
        List<Reason> reasons = new ArrayList<>(rules.checksumToRun(m, toRun));
        reasons.addAll(rules.judge(environment, m, asIfApplied));
        return reasons;
    }
}
