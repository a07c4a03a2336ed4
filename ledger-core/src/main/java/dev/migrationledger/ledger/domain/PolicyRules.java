package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.MigrationDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules of SPEC §5 that decide whether a migration may run in an environment. Used for
 * authorization requests (reasons reject) and for unauthorized facts (reasons become violations),
 * so a rule has one implementation wherever it is reported.
 */
public final class PolicyRules {

    private static final int LISTED = 5;

    private final ProjectState state;

    public PolicyRules(ProjectState state) {
        this.state = state;
    }

    /**
     * Every reason why {@code migration} may not run in {@code environment} now, judged as if the
     * versions in {@code appliedEarlierInRequest} had already been applied there (R4).
     */
    public List<Reason> judge(String environment, MigrationDefinition migration, Set<String> appliedEarlierInRequest) {
        List<Reason> reasons = new ArrayList<>();
        EnvironmentPolicy policy = state.policy(environment);
        EnvironmentHistory history = state.history(environment);
        String key = migration.version();
        if (policy.frozen()) {
            reasons.add(ReasonCode.FROZEN.reason("environment " + environment + " is frozen"));
        }
        approvals(environment, migration, policy).ifPresent(reasons::add);
        backup(environment, migration, policy, history).ifPresent(reasons::add);
        if (!policy.outOfOrder()) {
            sequence(environment, key, history, appliedEarlierInRequest).ifPresent(reasons::add);
        }
        promotion(migration, policy).ifPresent(reasons::add);
        blockingFailure(environment, key, history).ifPresent(reasons::add);
        contractBeforeExpand(environment, migration, history).ifPresent(reasons::add);
        return reasons;
    }

    /**
     * R1 for a request: the file to run must be the planned checksum (approvals are bound to it, R2), and a
     * versioned migration that succeeded somewhere runs nothing but the checksum that succeeded. Facts are
     * judged on their own checksum by the fact recorder ({@code CHECKSUM_MISMATCH}).
     */
    public List<Reason> checksumToRun(MigrationDefinition migration, String toRun) {
        List<Reason> reasons = new ArrayList<>();
        String key = migration.version();
        String pinned = state.pinnedChecksum(key);
        boolean ranElsewhere = pinned != null && !pinned.isEmpty() && !pinned.equals(toRun);
        if (!migration.checksum().equals(toRun)) {
            reasons.add(ReasonCode.CHECKSUM_NOT_PLANNED.reason("the file of " + key + " has checksum " + toRun
                    + " but " + key + " is planned with " + migration.checksum() + "; " + (ranElsewhere
                    ? "it succeeded with checksum " + pinned + ", so put back the file that ran and add the change "
                            + "as a new migration"
                    : "the file changed since it was planned: run ledger plan"), "checksums"));
        }
        if (ranElsewhere && !pinned.equals(migration.checksum())) {
            reasons.add(ReasonCode.CHECKSUM_PINNED.reason(key + " succeeded with checksum " + pinned
                    + ", not the planned one; plan the file that ran (ledger plan) and add any change as a new migration",
                    "checksums"));
        }
        return reasons;
    }

    /**
     * R2: the distinct principals (in lower case) whose approvals count for {@code migration} in
     * {@code environment}, as {@link CountingApprovals} selects them.
     */
    public Set<String> countingApprovers(String environment, MigrationDefinition migration) {
        return CountingApprovals.select(state.approvalsOf(migration.version()),
                        a -> new CountingApprovals.Vote(a.approver(), a.checksum(), a.environment()),
                        migration.checksum(), environment, migration.author(), state.plannedBy(migration.version()))
                .stream().map(a -> CountingApprovals.principal(a.approver()))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    Optional<Reason> approvals(String environment, MigrationDefinition migration, EnvironmentPolicy policy) {
        if (!policy.requiresApprovals()) {
            return Optional.empty();
        }
        Set<String> approvers = countingApprovers(environment, migration);
        if (approvers.size() >= policy.requiredApprovals()) {
            return Optional.empty();
        }
        return Optional.of(ReasonCode.NO_APPROVAL.reason(
                "version " + migration.version() + " has " + approvers.size() + " of " + policy.requiredApprovals()
                        + " required approvals of checksum " + migration.checksum() + " for " + environment));
    }

    Optional<Reason> backup(String environment, MigrationDefinition migration, EnvironmentPolicy policy,
                                      EnvironmentHistory history) {
        if (migration.changeClass() == null || !policy.backupRequiredFor().contains(migration.changeClass())
                || history.hasBackupAfterLastApply(policy.backupVerification())) {
            return Optional.empty();
        }
        boolean restored = policy.backupVerification() == BackupVerification.RESTORED;
        return Optional.of(ReasonCode.NO_BACKUP.reason(
                migration.changeClass() + " migration " + migration.version() + " needs a "
                        + (restored ? "restore-tested backup (ledger backup verify)" : "verified backup") + " of "
                        + environment + " recorded after its last applied migration"));
    }

    Optional<Reason> sequence(String environment, String key, EnvironmentHistory history,
                                        Set<String> appliedEarlierInRequest) {
        Version version = Version.parse(key);
        // The unapplied set holds only planned, versioned, not superseded migrations missing here, in order:
        // a healthy environment's walk visits just the versions applied earlier in this request.
        VersionSet unapplied = state.unapplied(environment);
        List<String> missing = new ArrayList<>();
        for (String other : version.isRepeatable() ? unapplied : unapplied.below(version)) {
            if (!other.equals(key) && !appliedEarlierInRequest.contains(other)) {
                missing.add(other);
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of(ReasonCode.OUT_OF_ORDER.reason(
                    "apply " + listed(missing) + " in " + environment + " before " + key));
        }
        Version highest = history.highestApplied();
        if (!version.isRepeatable() && highest != null && highest.compareTo(version) > 0 && !history.isApplied(key)) {
            return Optional.of(ReasonCode.OUT_OF_ORDER.reason(
                    environment + " already has the higher version " + highest + "; " + key + " would run out of order"));
        }
        return Optional.empty();
    }

    Optional<Reason> promotion(MigrationDefinition migration, EnvironmentPolicy policy) {
        String source = policy.promoteFrom();
        if (source == null) {
            return Optional.empty();
        }
        EnvironmentHistory.Applied there = state.history(source).applied(migration.version());
        if (there != null && there.checksum().equals(migration.checksum())) {
            return Optional.empty();
        }
        return Optional.of(ReasonCode.NOT_PROMOTED.reason(
                "checksum " + migration.checksum() + " of " + migration.version() + " is not applied in " + source));
    }

    Optional<Reason> blockingFailure(String environment, String key, EnvironmentHistory history) {
        List<String> blocking = history.failed().keySet().stream()
                .filter(failed -> !failed.equals(key))
                .filter(failed -> !state.isSuperseded(failed))
                .toList();
        if (blocking.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ReasonCode.BLOCKED_BY_FAILURE.reason(
                "failed " + listed(blocking) + " in " + environment
                        + " must succeed on retry or be corrected (POST …/migrations/{v}/corrections) first"));
    }

    Optional<Reason> contractBeforeExpand(String environment, MigrationDefinition migration,
                                                    EnvironmentHistory history) {
        if (migration.phase() != Phase.CONTRACT || migration.expands() == null) {
            return Optional.empty();
        }
        String expands = Version.parse(migration.expands()).key();
        if (history.isApplied(expands)) {
            return Optional.empty();
        }
        return Optional.of(ReasonCode.CONTRACT_BEFORE_EXPAND.reason(
                "contract " + migration.version() + " needs its expand " + expands
                        + " applied in " + environment + " by an earlier execution"));
    }

    private static String listed(List<String> versions) {
        String shown = String.join(", ", versions.subList(0, Math.min(LISTED, versions.size())));
        return versions.size() > LISTED ? shown + " and " + (versions.size() - LISTED) + " more" : shown;
    }
}
