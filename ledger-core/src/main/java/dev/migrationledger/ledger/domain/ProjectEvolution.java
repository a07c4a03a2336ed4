package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.*;

import java.util.ArrayList;
import java.util.List;

/**
 * How each event changes a project's state. Pure: no checks, no time, no I/O — replaying what was recorded must
 * never fail; only an event type it was never taught fails, in the first test that records one.
 */
final class ProjectEvolution {

    private final ProjectState state;

    ProjectEvolution(ProjectState state) {
        this.state = state;
    }

    void apply(LedgerEvent event) {
        state.seq++;
        if (event instanceof ProjectRegistered e) {
            state.projectId = e.project();
            for (EnvironmentDefinition env : e.environments()) {
                state.environments.add(env.name());
                state.policies.put(env.name(), env.policy());
                state.unapplied.put(env.name(), new VersionSet());
            }
        } else if (event instanceof EnvironmentPolicyChanged e) {
            state.policies.put(e.environment(), e.policy());
        } else if (event instanceof MigrationPlanned e) {
            state.migrations.put(e.migration().version(), e.migration());
            state.plannedBy.put(e.migration().version(), e.actor());
            String key = e.migration().version();
            state.unapplied.forEach((env, set) -> {
                if (counts(key) && !state.history(env).isApplied(key)) {
                    set.add(key);
                }
            });
        } else if (event instanceof MigrationReplanned e) {
            state.migrations.put(e.migration().version(), e.migration());
            e.voidedApprovals().forEach(state.approvals::remove);
        } else if (event instanceof ChangeReviewed e) {
            ProjectState.Review r = state.reviews.get(e.reviewId());
            if (r != null) {
                state.reviews.put(e.reviewId(), new ProjectState.Review(r.reviewId(), r.environment(), r.version(),
                        r.factActor(), r.violations(), r.openedAt(), e.actor(), e.recordedAt(), e.comment()));
            }
        } else if (event instanceof ScriptStored e) {
            state.scripts.add(e.checksum());
        } else if (event instanceof MigrationApproved e) {
            state.approvals.put(e.approvalId(), new ProjectState.Approval(e.approvalId(), e.version(), e.actor(),
                    e.checksum(), e.environment(), e.comment()));
            state.approvalRequests.put(e.approvalId(), RequestDigests.approval(e));
        } else if (event instanceof ApprovalRevoked e) {
            state.approvals.remove(e.approvalId());
        } else if (event instanceof BackupVerified e) {
            state.historyToChange(e.environment()).lastBackupSeq = state.seq;
            // a restore that showed another schema than the one last recorded there is no backup of it
            if (e.restoreTested() && (e.evidence() == null || !Boolean.FALSE.equals(e.evidence().fingerprintMatches()))) {
                state.historyToChange(e.environment()).lastRestoredBackupSeq = state.seq;
            }
            state.backupRequests.put(e.backupId(), RequestDigests.backup(e));
        } else if (event instanceof ExecutionAuthorized e) {
            authorized(e);
        } else if (event instanceof ExecutionDenied e) {
            denied(e);
        } else if (event instanceof MigrationApplied e) {
            applied(e);
        } else if (event instanceof MigrationFailed e) {
            openReview(e.executionId(), e.environment(), e.version(), e.actor(), e.violations(), e.recordedAt());
            EnvironmentHistory history = state.historyToChange(e.environment());
            history.failed.put(e.version(), new EnvironmentHistory.Failed(e.checksum(), e.executionId(), e.error(),
                    state.seq, e.finishedAt()));
            history.grants.remove(e.version());
            state.facts.put(e.executionId(), new ProjectState.FactRecord(RequestDigests.fact(e),
                    new FactResult(e.executionId(), e.version(), e.violations(), false)));
        } else if (event instanceof MigrationCorrected e) {
            state.corrections.put(e.version(), e.correctedBy());
            state.unapplied.values().forEach(set -> set.remove(e.version()));
        } else if (event instanceof MigrationRolledBack e) {
            EnvironmentHistory history = state.historyToChange(e.environment());
            history.markRolledBack(e.version());
            if (state.migrations.containsKey(e.version()) && counts(e.version())) {
                unappliedIn(e.environment()).add(e.version());
            }
            state.facts.put(e.executionId(), new ProjectState.FactRecord(RequestDigests.rollback(e),
                    new FactResult(e.executionId(), e.version(), e.violations(), false)));
        } else if (event instanceof BaselineRecorded e) {
            baselined(e);
        } else if (event instanceof DriftDetected e) {
            state.openDrift.put(e.findingId(), new ProjectState.OpenFinding(e.environment(), e.kind(), e.version(),
                    e.detail(), e.objects() == null ? List.of() : e.objects(), e.occurredAt()));
            state.scans.putIfAbsent(e.scanId(), new ProjectState.ScanRecord(e.environment(), List.of()));
        } else if (event instanceof DriftResolved e) {
            state.openDrift.remove(e.findingId());
            ProjectState.ScanRecord scan = state.scans.get(e.scanId());
            List<String> resolved = new ArrayList<>(scan == null ? List.of() : scan.resolved());
            resolved.add(e.findingId());
            state.scans.put(e.scanId(), new ProjectState.ScanRecord(e.environment(), List.copyOf(resolved)));
        } else if (event instanceof WebhookConfigured e) {
            state.webhooks.put(e.webhookId(), e);
        } else {
            // Every event a project records changes its state, if only its counter: one this chain does not know
            // is a type added without teaching the project about it, which must fail the first test that records it.
            throw new IllegalArgumentException("no project evolution for " + event.getClass().getSimpleName());
        }
    }

    private void authorized(ExecutionAuthorized e) {
        EnvironmentHistory history = state.historyToChange(e.environment());
        List<String> versions = new ArrayList<>();
        for (ExecutionAuthorized.AuthorizedMigration m : e.migrations()) {
            history.grants.put(m.version(), new EnvironmentHistory.Grant(e.executionId(), m.checksum()));
            versions.add(m.version());
        }
        state.authorizations.put(e.executionId(), new ProjectState.AuthorizationRecord(
                RequestDigests.authorization(e.environment(), e.requested(), e.checksums(), e.targetDigest()),
                new AuthorizationResult(e.executionId(), versions, List.of(), AuthorizationGrant.of(e))));
    }

    private void denied(ExecutionDenied e) {
        ProjectState.AuthorizationRecord earlier = state.authorizations.get(e.executionId());
        List<String> authorized = earlier == null ? List.of() : earlier.result().authorized();
        state.authorizations.put(e.executionId(), new ProjectState.AuthorizationRecord(
                RequestDigests.authorization(e.environment(), e.requested(), e.checksums(), e.targetDigest()),
                new AuthorizationResult(e.executionId(), authorized,
                        List.of(new AuthorizationResult.Denial(e.version(), e.reasons())),
                        earlier == null ? null : earlier.result().grant())));
    }

    /** A fact with an opening violation opens a review, once per executionId. */
    private void openReview(String executionId, String environment, String version, String actor,
                            List<Reason> violations, java.time.Instant recordedAt) {
        List<String> opening = EmergencyReviews.openingCodes(violations);
        if (!opening.isEmpty()) {
            state.reviews.putIfAbsent(executionId, new ProjectState.Review(executionId, environment, version, actor,
                    opening, recordedAt, null, null, null));
        }
    }

    private void applied(MigrationApplied e) {
        openReview(e.executionId(), e.environment(), e.version(), e.actor(), e.violations(), e.recordedAt());
        EnvironmentHistory history = state.historyToChange(e.environment());
        history.markApplied(e.version(), new EnvironmentHistory.Applied(e.checksum(), e.executionId(), state.seq,
                e.finishedAt()));
        unappliedIn(e.environment()).remove(e.version());
        history.failed.remove(e.version());
        history.grants.remove(e.version());
        history.lastAppliedSeq = state.seq;
        if (e.schemaFingerprint() != null) {
            history.lastSchema = new EnvironmentHistory.SchemaMark(e.schemaFingerprint(), e.version(), e.executionId());
        }
        pin(e.version(), e.checksum());
        state.facts.put(e.executionId(), new ProjectState.FactRecord(RequestDigests.fact(e),
                new FactResult(e.executionId(), e.version(), e.violations(), false)));
    }

    private void baselined(BaselineRecorded e) {
        EnvironmentHistory history = state.historyToChange(e.environment());
        ToolChange change = e.change();
        if (change != null && change.changeId() != null && !e.tool().versionsItsChanges()) {
            state.changeVersions.putIfAbsent(ProjectState.changeKey(e.tool(), change.changeId()), e.version());
        }
        if (e.sourceId() != null) {
            history.imported.put(e.sourceId(), new EnvironmentHistory.Imported(e.version(), e.checksum(),
                    change == null ? null : change.toolChecksum(), e.success(), change == null ? null : change.state()));
        }
        if (e.success()) {
            history.markApplied(e.version(), new EnvironmentHistory.Applied(e.checksum(), e.sourceId(), state.seq,
                    e.occurredAt()));
            unappliedIn(e.environment()).remove(e.version());
            history.failed.remove(e.version());
            history.lastAppliedSeq = state.seq;
            pin(e.version(), e.checksum());
        } else {
            history.failed.put(e.version(), new EnvironmentHistory.Failed(e.checksum(), e.sourceId(),
                    "failed according to " + e.tool().wireName() + " history", state.seq, e.occurredAt()));
        }
    }

    /** Whether R4 waits for {@code key} to be applied: versioned and not superseded by a correction. */
    private boolean counts(String key) {
        return !Version.parse(key).isRepeatable() && !state.isSuperseded(key);
    }

    /** The unapplied set an event changes; an environment no registration named starts from every planned version. */
    private VersionSet unappliedIn(String environment) {
        return state.unapplied.computeIfAbsent(environment, env -> {
            VersionSet set = new VersionSet();
            state.migrations.keySet().stream().filter(this::counts)
                    .filter(k -> !state.history(env).isApplied(k)).forEach(set::add);
            return set;
        });
    }

    /**
     * R1: the checksum is pinned at the first success — the one that actually ran (as the fact or imported
     * history names it), else, for a baseline without one, the planned one ("" when neither is known).
     * A version that never succeeded is not pinned, so it replans freely; repeatables change by design.
     */
    private void pin(String key, String knownChecksum) {
        if (Version.parse(key).isRepeatable() || state.pinned.containsKey(key)) {
            return;
        }
        var planned = state.migrations.get(key);
        String checksum = knownChecksum != null ? knownChecksum : planned == null ? "" : planned.checksum();
        state.pinned.put(key, checksum);
    }
}
