package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.*;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Canonical test data: the project {@code billing-db} with environments dev → staging → prod, where
 * prod needs two approvals, a verified backup before DESTRUCTIVE changes, and promotion from staging.
 * Migrations are authored by alice and planned by the ci-bot; bob, carol and dave approve.
 */
final class Given {

    static final String PROJECT = "billing-db";
    static final String DEV = "dev";
    static final String STAGING = "staging";
    static final String PROD = "prod";

    static final String AUTHOR = "alice";
    static final String PLANNER = "ci-bot";
    static final String APPROVER_1 = "bob";
    static final String APPROVER_2 = "carol";
    static final String APPROVER_3 = "dave";
    static final String CI = "ci-runner";

    /** Time of the given events; the command under test runs later, at {@link #NOW}. */
    static final Instant EARLIER = Instant.parse("2026-02-25T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-02-25T12:00:00Z");

    /** How long an authorization stays usable when the request names no validity. */
    static final java.time.Duration VALIDITY = AuthorizationJudge.DEFAULT_VALIDITY;

    static final EnvironmentPolicy PROD_POLICY =
            new EnvironmentPolicy(2, Set.of(ChangeClass.DESTRUCTIVE), STAGING, false, false);

    private Given() {
    }

    // ---- values --------------------------------------------------------------------------------

    /** The fixed checksum of a version's script. */
    static String checksum(String version) {
        return Checksum.ofBytes(("-- script of V" + version + "\n").getBytes(StandardCharsets.UTF_8)).hex();
    }

    /** A second, different script for the same version. */
    static String otherChecksum(String version) {
        return Checksum.ofBytes(("-- edited script of V" + version + "\n").getBytes(StandardCharsets.UTF_8)).hex();
    }

    static List<EnvironmentDefinition> environments() {
        return List.of(
                new EnvironmentDefinition(DEV, EnvironmentPolicy.defaults(false)),
                new EnvironmentDefinition(STAGING, EnvironmentPolicy.defaults(false)),
                new EnvironmentDefinition(PROD, PROD_POLICY));
    }

    static MigrationDefinition definition(String version, ChangeClass changeClass) {
        return definition(version, changeClass, checksum(version));
    }

    static MigrationDefinition definition(String version, ChangeClass changeClass, String checksum) {
        Risk risk = switch (changeClass) {
            case ADDITIVE -> Risk.LOW;
            case TRANSFORMATIVE -> Risk.MEDIUM;
            case DESTRUCTIVE -> Risk.HIGH;
        };
        return new MigrationDefinition(version, "migration " + version, checksum, changeClass, risk, Phase.NONE,
                null, RollbackStrategy.FORWARD_FIX, "OPS-" + version, AUTHOR);
    }

    static MigrationDefinition expand(String version) {
        return withPhase(definition(version, ChangeClass.ADDITIVE), Phase.EXPAND, null);
    }

    static MigrationDefinition contract(String version, String expands) {
        return withPhase(definition(version, ChangeClass.DESTRUCTIVE), Phase.CONTRACT, expands);
    }

    private static MigrationDefinition withPhase(MigrationDefinition m, Phase phase, String expands) {
        return new MigrationDefinition(m.version(), m.description(), m.checksum(), m.changeClass(), m.risk(), phase,
                expands, m.rollback(), m.ticket(), m.author());
    }

    static String approvalId(String version, String approver) {
        return "approval-" + version + "-" + approver;
    }

    static String executionId(String environment, String version) {
        return "run-" + environment + "/" + version;
    }

    // ---- events --------------------------------------------------------------------------------

    static ProjectRegistered projectRegistered() {
        return new ProjectRegistered(PROJECT, environments(), EARLIER, EARLIER, "admin");
    }

    static EnvironmentPolicyChanged policyChanged(String environment, EnvironmentPolicy policy) {
        return new EnvironmentPolicyChanged(PROJECT, environment, policy, EARLIER, EARLIER, "admin");
    }

    static MigrationPlanned planned(String version) {
        return planned(definition(version, ChangeClass.ADDITIVE));
    }

    static MigrationPlanned plannedDestructive(String version) {
        return planned(definition(version, ChangeClass.DESTRUCTIVE));
    }

    static MigrationPlanned planned(MigrationDefinition m) {
        return new MigrationPlanned(PROJECT, m, false, EARLIER, EARLIER, PLANNER);
    }

    static MigrationReplanned replanned(MigrationDefinition m, String previousChecksum, String... voidedApprovals) {
        return new MigrationReplanned(PROJECT, m, previousChecksum, List.of(voidedApprovals), EARLIER, EARLIER, PLANNER);
    }

    static MigrationApproved approved(String version, String approver) {
        return approved(version, approver, checksum(version));
    }

    static MigrationApproved approved(String version, String approver, String checksum) {
        return new MigrationApproved(PROJECT, version, approvalId(version, approver), checksum, null, "looks good",
                EARLIER, EARLIER, approver);
    }

    /** The two approvals prod requires. */
    static List<MigrationApproved> approvedTwice(String version) {
        return List.of(approved(version, APPROVER_1), approved(version, APPROVER_2));
    }

    static BackupVerified backupVerified(String environment) {
        return new BackupVerified(PROJECT, environment, "backup-" + environment, "s3://backups/" + environment,
                EARLIER, 30, true, EARLIER, EARLIER, APPROVER_1);
    }

    static ExecutionAuthorized authorized(String environment, String executionId, String... versions) {
        List<ExecutionAuthorized.AuthorizedMigration> migrations = Arrays.stream(versions)
                .map(v -> new ExecutionAuthorized.AuthorizedMigration(v, checksum(v))).toList();
        return new ExecutionAuthorized(PROJECT, environment, executionId, migrations, List.of(versions), null, null,
                EARLIER.plus(VALIDITY), "abc123", "https://ci/1", EARLIER, EARLIER, CI);
    }

    /** An authorization as the aggregate records it at {@code at}: granted versions of the requested ones. */
    static ExecutionAuthorized authorization(Instant at, String environment, String executionId, List<String> granted,
                                             List<String> requested) {
        return new ExecutionAuthorized(PROJECT, environment, executionId,
                granted.stream().map(v -> new ExecutionAuthorized.AuthorizedMigration(v, checksum(v))).toList(),
                requested, null, null, at.plus(VALIDITY), "abc123", "https://ci/1", at, at, CI);
    }

    static MigrationApplied applied(String environment, String version) {
        return applied(environment, version, checksum(version));
    }

    static MigrationApplied applied(String environment, String version, String checksum) {
        return new MigrationApplied(PROJECT, environment, version, checksum, executionId(environment, version), null,
                null, EARLIER.minusSeconds(5), EARLIER, "abc123", "https://ci/1", Tool.LEDGER, null, List.of(),
                EARLIER, EARLIER, CI);
    }

    static MigrationFailed failed(String environment, String version) {
        return new MigrationFailed(PROJECT, environment, version, checksum(version),
                executionId(environment, version) + "/failed", null, null, EARLIER.minusSeconds(5), EARLIER,
                "relation already exists", "abc123", "https://ci/1", Tool.LEDGER, List.of(), EARLIER, EARLIER, CI);
    }

    static MigrationCorrected corrected(String version, String correctedBy) {
        return new MigrationCorrected(PROJECT, version, correctedBy, "superseded by a fix", EARLIER, EARLIER, AUTHOR);
    }

    // ---- commands ------------------------------------------------------------------------------

    static RegisterProject registerProject() {
        return new RegisterProject(PROJECT, environments(), "admin");
    }

    static PlanMigrations plan(MigrationDefinition... migrations) {
        return new PlanMigrations(PROJECT, List.of(migrations), PLANNER);
    }

    static ApproveMigration approve(String version, String approver) {
        return approve(version, approver, checksum(version));
    }

    static ApproveMigration approve(String version, String approver, String checksum) {
        return new ApproveMigration(PROJECT, version, approvalId(version, approver), checksum, null, "looks good",
                approver);
    }

    static VerifyBackup verifyBackup(String environment, String backupId) {
        return new VerifyBackup(PROJECT, environment, backupId, "s3://backups/" + environment, EARLIER, 30, true,
                APPROVER_1);
    }

    static AuthorizeExecution authorize(String environment, String executionId, String... versions) {
        return new AuthorizeExecution(PROJECT, environment, executionId, List.of(versions), "abc123", "https://ci/1", CI);
    }

    /** The digest of the target database's identity the executor sends with its requests. */
    static final String TARGET = Checksum.ofBytes("postgresql/7300000000000000001/billing/public".getBytes(StandardCharsets.UTF_8)).hex();

    /** {@code files("1", checksum("1"), "2", otherChecksum("2"))}: version → checksum, in order. */
    static java.util.Map<String, String> files(String... versionThenChecksum) {
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        for (int i = 0; i < versionThenChecksum.length; i += 2) {
            files.put(versionThenChecksum[i], versionThenChecksum[i + 1]);
        }
        return files;
    }

    /** A request naming the checksum of each file to run ({@code version → checksum}), for {@link #TARGET}. */
    static AuthorizeExecution authorizeFiles(String environment, String executionId, java.util.Map<String, String> files) {
        return new AuthorizeExecution(PROJECT, environment, executionId, List.copyOf(files.keySet()),
                new java.util.LinkedHashMap<>(files), TARGET, null, false, "abc123", "https://ci/1", CI);
    }

    /** The same request as a dry run: judged, nothing recorded. */
    static AuthorizeExecution dryRun(String environment, String executionId, java.util.Map<String, String> files) {
        AuthorizeExecution real = authorizeFiles(environment, executionId, files);
        return new AuthorizeExecution(real.projectId(), real.environment(), real.executionId(), real.versions(),
                real.checksums(), real.targetDigest(), real.validFor(), true, real.gitSha(), real.pipelineUrl(), real.actor());
    }

    static ExecutionFact appliedFact(String executionId, String version) {
        return appliedFact(executionId, version, checksum(version));
    }

    static ExecutionFact appliedFact(String executionId, String version, String checksum) {
        return new ExecutionFact(executionId, version, checksum, ExecutionStatus.APPLIED, NOW.minusSeconds(5), NOW,
                null, "abc123", "https://ci/1", Tool.LEDGER, null);
    }

    static ExecutionFact failedFact(String executionId, String version) {
        return new ExecutionFact(executionId, version, checksum(version), ExecutionStatus.FAILED, NOW.minusSeconds(5),
                NOW, "syntax error at or near \"DROP\"", "abc123", "https://ci/1", Tool.LEDGER, null);
    }

    static RecordExecutions record(String environment, ExecutionFact... facts) {
        return new RecordExecutions(PROJECT, environment, List.of(facts), CI);
    }

    static CorrectMigration correct(String version, String correctedBy) {
        return new CorrectMigration(PROJECT, version, correctedBy, "superseded by a fix", AUTHOR);
    }

    /** Events in order, flattening lists and arrays so tests can mix single events and groups. */
    static Object[] events(Object... parts) {
        return Arrays.stream(parts).flatMap(Given::flatten).toArray();
    }

    private static java.util.stream.Stream<Object> flatten(Object part) {
        if (part instanceof List<?> list) {
            return list.stream().flatMap(Given::flatten);
        }
        if (part instanceof Object[] array) {
            return Arrays.stream(array).flatMap(Given::flatten);
        }
        return java.util.stream.Stream.of(part);
    }
}
