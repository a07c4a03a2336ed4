package dev.migrationledger.ledger.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.migrationledger.ledger.api.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One project's whole migration chain. The consistency boundary is the project, not the single
 * migration: ordering (R4), promotion (R5), failures blocking an environment (R6) and
 * expand/contract (R7) all read several migrations and environments at once, and judging them
 * against one consistent, versioned state is what makes an authorization trustworthy. Projects are
 * independent, so throughput scales across projects; see docs/architecture.md.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
// Revision 2: ProjectState keeps open drift findings whole and each environment's last schema
// fingerprint. Older snapshots lack them; Axon's revision filter discards such snapshots, so the
// aggregate is rebuilt from events (snapshots are only a cache).
// Revision 3: imported history rows by sourceId per environment, and the versions given to changes of
// tools without versions (Liquibase, Alembic).
// Revision 4: authorizations keep their signed grant and a fingerprint of the checksums and target they
// named, facts the authorization digest, and R1 pins the checksum that succeeded.
// Revision 5: idempotency fingerprints as SHA-256 digests, and the sorted structures R4 reads (versions
// not applied per environment, applied versions in order).
// Revision 6: the idempotency records name their digest requestDigest (it was "fingerprint", the word the
// schema hash uses).
// Revision 7: snapshots are written in Smile (the service's AxonConfig); JSON ones of revision 6 are skipped.
@Revision("7")
public class ProjectAggregate {

    @AggregateIdentifier
    private String projectId;
    private ProjectState state = new ProjectState();

    protected ProjectAggregate() {
        // for Axon and for snapshots
    }

    /** What the project's state holds, for the service's aggregate cache, which is bounded by it. */
    public long stateEntries() {
        return state.entries();
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    // ---- requests ------------------------------------------------------------------------------

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterProject cmd) {
        List<EnvironmentDefinition> environments = new ProjectDefinitionCheck().normalize(cmd.projectId(), cmd.environments());
        if (projectId != null) {
            if (environments.equals(state.environments().stream()
                    .map(e -> new EnvironmentDefinition(e, state.policy(e))).toList())) {
                return;
            }
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason("project " + cmd.projectId()
                    + " is already registered with other environments; change a policy with PUT …/environments/{env}/policy", "id"));
        }
        Instant now = now();
        apply(new ProjectRegistered(cmd.projectId(), environments, now, now, cmd.actor()));
    }

    @CommandHandler
    public EnvironmentPolicy handle(ChangeEnvironmentPolicy cmd) {
        requireEnvironment(cmd.environment());
        EnvironmentPolicy policy;
        try {
            policy = cmd.patch() == null ? null : cmd.patch().applyTo(state.policy(cmd.environment()));
        } catch (IllegalArgumentException e) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason(e.getMessage(), "policy"));
        }
        policy = new ProjectDefinitionCheck().checkPolicy(cmd.environment(), policy, state.environments(), "policy");
        if (!policy.equals(state.policy(cmd.environment()))) {
            Instant now = now();
            apply(new EnvironmentPolicyChanged(projectId, cmd.environment(), policy, now, now, cmd.actor()));
        }
        return policy;
    }

    @CommandHandler
    public List<PlanOutcome> handle(PlanMigrations cmd) {
        List<MigrationDefinition> migrations = new PlanCheck(state).normalize(cmd.migrations(), cmd.actor());
        List<PlanOutcome> outcomes = new ArrayList<>();
        Instant now = now();
        for (MigrationDefinition m : migrations) {
            MigrationDefinition current = state.migration(m.version());
            if (current == null) {
                apply(new MigrationPlanned(projectId, m, false, now, now, cmd.actor()));
                outcomes.add(new PlanOutcome(m.version(), PlanOutcome.Outcome.PLANNED));
            } else if (!current.equals(m)) {
                List<String> voided = state.approvalsOf(m.version()).stream()
                        .filter(a -> !a.checksum().equals(m.checksum())).map(ProjectState.Approval::approvalId).toList();
                apply(new MigrationReplanned(projectId, m, current.checksum(), voided, now, now, cmd.actor()));
                outcomes.add(new PlanOutcome(m.version(), PlanOutcome.Outcome.REPLANNED));
            } else {
                outcomes.add(new PlanOutcome(m.version(), PlanOutcome.Outcome.UNCHANGED));
            }
        }
        return outcomes;
    }

    /** Returns whether the text was stored now; a checksum's text is stored once, later uploads change nothing. */
    @CommandHandler
    public boolean handle(StoreScript cmd) {
        new InputCheck().version("version", cmd.version()).throwIfInvalid();
        String key = Version.parse(cmd.version()).key();
        MigrationDefinition m = requireMigration(key, "version");
        ScriptText script = ScriptText.check(cmd.text(), cmd.findings(), m.checksum(), key);
        if (state.hasScript(script.checksum())) {
            return false;
        }
        Instant now = now();
        apply(new ScriptStored(projectId, key, script.checksum(), script.text(), script.findings(), now, now,
                cmd.actor()));
        return true;
    }

    @CommandHandler
    public String handle(ApproveMigration cmd) {
        InputCheck check = new InputCheck().version("version", cmd.version()).key("approvalId", cmd.approvalId())
                .checksum("checksum", cmd.checksum()).text("comment", cmd.comment(), false);
        check.throwIfInvalid();
        String key = Version.parse(cmd.version()).key();
        String checksum = Checksum.parse(cmd.checksum()).hex();
        Digest requestDigest = RequestDigests.approval(key, checksum, cmd.environment(), cmd.comment(), cmd.actor());
        Digest earlier = state.approvalRequest(cmd.approvalId());
        if (earlier != null) {
            return replayOrConflict(earlier, requestDigest, cmd.approvalId());
        }
        MigrationDefinition m = requireMigration(key, "version");
        if (cmd.environment() != null && !state.hasEnvironment(cmd.environment())) {
            check.add(unknownEnvironment(cmd.environment(), "environment"));
        }
        if (!SeparationOfDuties.mayApprove(cmd.actor(), m.author(), state.plannedBy(key))) {
            check.add(ReasonCode.SELF_APPROVAL.reason(cmd.actor() + " authored or planned " + key
                    + " and cannot approve it; another principal must"));
        }
        if (!checksum.equals(m.checksum())) {
            check.add(ReasonCode.CHECKSUM_MISMATCH.reason("approval names checksum " + checksum
                    + " but " + key + " is planned with " + m.checksum(), "checksum"));
        }
        boolean duplicate = state.approvalsOf(key).stream().anyMatch(a -> a.approver().equalsIgnoreCase(cmd.actor())
                && a.checksum().equals(checksum) && Objects.equals(a.environment(), cmd.environment()));
        if (duplicate) {
            check.add(ReasonCode.DUPLICATE_APPROVER.reason(cmd.actor() + " already approved this checksum of " + key));
        }
        check.throwIfInvalid();
        Instant now = now();
        apply(new MigrationApproved(projectId, key, cmd.approvalId(), checksum, cmd.environment(), cmd.comment(),
                now, now, cmd.actor()));
        return cmd.approvalId();
    }

    @CommandHandler
    public void handle(RevokeApproval cmd) {
        new InputCheck().version("version", cmd.version()).key("approvalId", cmd.approvalId())
                .text("reason", cmd.reason(), false).throwIfInvalid();
        String key = Version.parse(cmd.version()).key();
        requireMigration(key, "version");
        ProjectState.Approval approval = state.approval(cmd.approvalId());
        if (approval == null || !approval.versionKey().equals(key)) {
            if (state.approvalRequest(cmd.approvalId()) != null) {
                return; // already revoked or voided by a replan: revoking again changes nothing
            }
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason(
                    "migration " + key + " has no approval " + cmd.approvalId(), "approvalId"));
        }
        Instant now = now();
        apply(new ApprovalRevoked(projectId, key, cmd.approvalId(), cmd.reason(), now, now, cmd.actor()));
    }

    /** Returns the restore evidence as recorded (judged), null for a declared backup or a replay. */
    @CommandHandler
    public BackupEvidence handle(VerifyBackup cmd) {
        requireEnvironment(cmd.environment());
        InputCheck check = new InputCheck().key("backupId", cmd.backupId()).text("location", cmd.location(), true)
                .require(cmd.takenAt() != null, "takenAt", "takenAt is required (RFC 3339 UTC)")
                .require(cmd.retentionDays() == null || cmd.retentionDays() >= 0, "retentionDays",
                        "retentionDays is zero or more")
                .require(cmd.evidence() == null || cmd.restoreTested(), "restoreTested",
                        "a backup with restore evidence is restoreTested")
                .require(cmd.evidence() == null || (cmd.evidence().tables() >= 0 && cmd.evidence().rows() >= 0
                        && cmd.evidence().durationMs() >= 0), "evidence", "evidence counts are zero or more");
        if (cmd.evidence() != null) {
            check.text("evidence.tool", cmd.evidence().tool(), true).text("evidence.format", cmd.evidence().format(), false)
                    .text("evidence.fingerprint", cmd.evidence().fingerprint(), true);
        }
        if (cmd.takenAt() != null && cmd.takenAt().isAfter(now().plusSeconds(300))) {
            check.invalid("takenAt", "takenAt lies in the future");
        }
        check.throwIfInvalid();
        Digest requestDigest = RequestDigests.backup(cmd.environment(), cmd.location(), cmd.takenAt(),
                cmd.retentionDays(), cmd.restoreTested());
        Digest earlier = state.backupRequest(cmd.backupId());
        if (earlier != null) {
            replayOrConflict(earlier, requestDigest, cmd.backupId());
            return null;
        }
        BackupEvidence evidence = null;
        if (cmd.evidence() != null) {
            // the ledger, not the caller, says whether the restored schema is the one it last recorded there
            EnvironmentHistory.SchemaMark last = state.history(cmd.environment()).lastSchema();
            evidence = cmd.evidence().judged(last == null ? null : last.fingerprint());
        }
        Instant now = now();
        apply(new BackupVerified(projectId, cmd.environment(), cmd.backupId(), cmd.location(), cmd.takenAt(),
                cmd.retentionDays(), cmd.restoreTested(), evidence, now, now, cmd.actor()));
        return evidence;
    }

    @CommandHandler
    public AuthorizationResult handle(AuthorizeExecution cmd) {
        return applied(new AuthorizationJudge(state, projectId).authorize(cmd, now()));
    }

    @CommandHandler
    public void handle(ReviewChange cmd) {
        new EmergencyReviews(state, projectId).review(cmd, now()).ifPresent(AggregateLifecycle::apply);
    }

    /** A read: the reviews as of the time asked for; nothing is recorded. */
    @CommandHandler
    public List<EmergencyReview> handle(ListReviews cmd) {
        return new EmergencyReviews(state, projectId).list(cmd.at() != null ? cmd : new ListReviews(projectId,
                cmd.state(), now(), cmd.environment()));
    }

    /** A read of the rules' verdicts; nothing is recorded, so nothing is replayed either. */
    @CommandHandler
    public List<PendingMigration> handle(AssessPending cmd) {
        if (cmd.environment() != null) {
            requireEnvironment(cmd.environment());
        }
        return new PendingAssessment(state).pending(cmd.environment() == null ? state.environments()
                : List.of(cmd.environment()));
    }

    @CommandHandler
    public void handle(CorrectMigration cmd) {
        new InputCheck().version("version", cmd.version()).version("correctedBy", cmd.correctedBy())
                .text("reason", cmd.reason(), true).throwIfInvalid();
        String key = Version.parse(cmd.version()).key();
        String by = Version.parse(cmd.correctedBy()).key();
        requireMigration(key, "version");
        String earlier = state.correctionOf(key);
        if (earlier != null) {
            if (earlier.equals(by)) {
                return;
            }
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason(
                    key + " is already corrected by " + earlier, "correctedBy"));
        }
        InputCheck check = new InputCheck();
        if (state.migration(by) == null) {
            check.add(ReasonCode.UNKNOWN_MIGRATION.reason("corrective version " + by + " is not planned", "correctedBy"));
        } else if (Version.parse(by).compareTo(Version.parse(key)) <= 0) {
            check.invalid("correctedBy", "the corrective version must be newer than " + key);
        }
        if (!state.hasFailedAnywhere(key)) {
            check.invalid("version", key + " has not failed in any environment; only failed migrations are corrected");
        }
        check.throwIfInvalid();
        Instant now = now();
        apply(new MigrationCorrected(projectId, key, by, cmd.reason(), now, now, cmd.actor()));
    }

    @CommandHandler
    public WebhookConfigured handle(ConfigureWebhook cmd) {
        ConfigureWebhook webhook = new WebhookCheck().normalize(cmd);
        WebhookConfigured existing = state.webhook(webhook.webhookId());
        if (existing != null && existing.change() == WebhookConfigured.Change.CONFIGURED
                && existing.url().equals(webhook.url()) && existing.events().equals(webhook.events())
                && existing.format().equals(webhook.format()) && existing.secretSha256().equals(webhook.secretSha256())) {
            return existing;
        }
        if (existing != null) {
            throw new CommandRejectedException(ReasonCode.IDEMPOTENCY_CONFLICT.reason(
                    "webhook " + webhook.webhookId() + " was configured before with other content", "id"));
        }
        Instant now = now();
        WebhookConfigured configured = new WebhookConfigured(projectId, webhook.webhookId(),
                WebhookConfigured.Change.CONFIGURED, webhook.url(), webhook.events(), webhook.format(),
                webhook.secretSha256(), now, now, cmd.actor());
        apply(configured);
        return configured;
    }

    @CommandHandler
    public void handle(RemoveWebhook cmd) {
        WebhookConfigured existing = state.webhook(cmd.webhookId());
        if (existing == null) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason(
                    "project " + projectId + " has no webhook " + cmd.webhookId(), "id"));
        }
        if (existing.change() == WebhookConfigured.Change.REMOVED) {
            return;
        }
        Instant now = now();
        apply(new WebhookConfigured(projectId, existing.webhookId(), WebhookConfigured.Change.REMOVED, existing.url(),
                existing.events(), existing.format(), existing.secretSha256(), now, now, cmd.actor()));
    }

    // ---- facts ---------------------------------------------------------------------------------

    @CommandHandler
    public List<FactResult> handle(RecordExecutions cmd) {
        requireEnvironment(cmd.environment());
        FactRecorder recorder = new FactRecorder(state, projectId);
        Instant now = now();
        // one fact at a time: each is judged against the state the facts before it in the batch left (R4)
        return recorder.check(cmd).stream().map(fact -> applied(recorder.record(cmd.environment(), fact, cmd.actor(), now)))
                .toList();
    }

    @CommandHandler
    public FactResult handle(RecordRollback cmd) {
        requireEnvironment(cmd.environment());
        return applied(new FactRecorder(state, projectId).rollback(cmd, now()));
    }

    @CommandHandler
    public int handle(RecordBaseline cmd) {
        requireEnvironment(cmd.environment());
        List<LedgerEvent> events = new BaselineImport(state, projectId).record(cmd, now());
        events.forEach(AggregateLifecycle::apply);
        return events.size();
    }

    @CommandHandler
    public DriftScanResult handle(RecordDriftScan cmd) {
        requireEnvironment(cmd.environment());
        return applied(new DriftScan(state, projectId).record(cmd, now()));
    }

    // ---- shared checks -------------------------------------------------------------------------

    private static <T> T applied(Decision<T> decision) {
        decision.events().forEach(AggregateLifecycle::apply);
        return decision.answer().get();
    }

    private void requireEnvironment(String environment) {
        if (environment == null || !state.hasEnvironment(environment)) {
            throw new CommandRejectedException(unknownEnvironment(environment, "environment"));
        }
    }

    private Reason unknownEnvironment(String environment, String field) {
        return ReasonCode.UNKNOWN_ENVIRONMENT.reason("project " + projectId + " has no environment '" + environment
                + "'; it has " + String.join(", ", state.environments()), field);
    }

    private MigrationDefinition requireMigration(String key, String field) {
        MigrationDefinition m = state.migration(key);
        if (m == null) {
            throw new CommandRejectedException(ReasonCode.UNKNOWN_MIGRATION.reason(
                    "project " + projectId + " has no planned migration " + key, field));
        }
        return m;
    }

    private static String replayOrConflict(Digest earlier, Digest requestDigest, String key) {
        if (earlier.equals(requestDigest)) {
            return key;
        }
        throw new CommandRejectedException(ReasonCode.IDEMPOTENCY_CONFLICT.reason(
                "'" + key + "' was used before with other content"));
    }

    // ---- event sourcing ------------------------------------------------------------------------

    /** Every event of the project evolves the same state; {@link ProjectEvolution} knows how. */
    @EventSourcingHandler
    void on(LedgerEvent event) {
        if (event instanceof ProjectRegistered registered) {
            projectId = registered.project();
        }
        new ProjectEvolution(state).apply(event);
    }
}
