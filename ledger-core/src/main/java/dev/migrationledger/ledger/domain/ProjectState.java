package dev.migrationledger.ledger.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.migrationledger.ledger.api.AuthorizationResult;
import dev.migrationledger.ledger.api.FactResult;
import dev.migrationledger.ledger.api.MigrationDefinition;
import dev.migrationledger.ledger.api.WebhookConfigured;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole chain of one project: environments and policies, planned migrations, approvals, and
 * what each environment holds. Built only from events; the aggregate reads it to judge requests.
 * Serialized with Jackson as part of the aggregate snapshot.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ProjectState {

    public record Approval(String approvalId, String versionKey, String approver, String checksum,
                           String environment, String comment) {
    }

    /** What the ledger remembers of a request so that a replay returns the first answer (R9). */
    public record AuthorizationRecord(Digest requestDigest, AuthorizationResult result) {
    }

    public record FactRecord(Digest requestDigest, FactResult result) {
    }

    /** An open drift finding, kept whole so a later scan can say it is still there and since when. */
    public record OpenFinding(String environment, String kind, String version, String detail, List<String> objects,
                              Instant since) {
    }

    /** A scan that recorded something: its environment and the findings it resolved, for replays (R9). */
    public record ScanRecord(String environment, List<String> resolved) {
    }

    String projectId;
    final List<String> environments = new ArrayList<>();
    final Map<String, EnvironmentPolicy> policies = new HashMap<>();
    /** Planned migrations by version key, with who planned each. */
    final Map<String, MigrationDefinition> migrations = new LinkedHashMap<>();
    final Map<String, String> plannedBy = new HashMap<>();
    /** Versioned migrations that succeeded somewhere, with the checksum they are pinned to (R1). */
    final Map<String, String> pinned = new HashMap<>();
    /** Live approvals by id; revoked and voided ones are removed. */
    final Map<String, Approval> approvals = new LinkedHashMap<>();
    /** Every approval id ever used, with its request digest, for idempotency. */
    final Map<String, Digest> approvalRequests = new HashMap<>();
    final Map<String, Digest> backupRequests = new HashMap<>();
    /** Failed version key → the corrective version that supersedes it (R6). */
    final Map<String, String> corrections = new HashMap<>();
    final Map<String, EnvironmentHistory> histories = new HashMap<>();
    /**
     * Per environment, the planned versioned migrations not applied there and not superseded, in version
     * order: what R4 asks ("is anything lower still missing?") without walking every planned version.
     */
    final Map<String, VersionSet> unapplied = new HashMap<>();
    /**
     * Changes of tools without versions of their own ({@code liquibase:<file::id::author>},
     * {@code alembic:<revision>}) → the version the ledger gave each, the same in every environment.
     */
    final Map<String, String> changeVersions = new HashMap<>();
    final Map<String, AuthorizationRecord> authorizations = new HashMap<>();
    final Map<String, FactRecord> facts = new HashMap<>();
    /** Open drift findings by id, in the order they were detected. */
    final Map<String, OpenFinding> openDrift = new LinkedHashMap<>();
    /** Scans that recorded findings or resolutions, by scanId. */
    final Map<String, ScanRecord> scans = new HashMap<>();
    /**
     * Each webhook's last change. Snapshots older than webhooks lack this map and had no webhooks, so it
     * needs no new revision.
     */
    final Map<String, WebhookConfigured> webhooks = new HashMap<>();
    /** An emergency change's review, keyed by the fact's executionId; reviewedBy null while open. */
    public record Review(String reviewId, String environment, String version, String factActor,
                         List<String> violations, Instant openedAt, String reviewedBy, Instant reviewedAt,
                         String comment) {
    }

    /** Emergency-change reviews in the order their facts were recorded (§10). */
    final Map<String, Review> reviews = new LinkedHashMap<>();
    /** Checksums whose script text is stored (ScriptStored), once each. */
    final Set<String> scripts = new HashSet<>();
    /** The project's own event counter: orders backups against applies (R3). */
    long seq;

    public String projectId() {
        return projectId;
    }

    /**
     * How many entries the state holds (migrations, approvals, authorizations, facts, reviews, per-environment
     * histories and the rest): what its heap size grows with, for a cache bounded by memory rather than by
     * project count. Counted from the maps' sizes, so it costs nothing per command.
     */
    public long entries() {
        long n = environments.size() + policies.size() + migrations.size() + plannedBy.size() + pinned.size()
                + approvals.size() + approvalRequests.size() + backupRequests.size() + corrections.size()
                + changeVersions.size() + authorizations.size() + facts.size() + openDrift.size() + scans.size()
                + webhooks.size() + reviews.size() + scripts.size();
        for (EnvironmentHistory history : histories.values()) {
            n += history.entries();
        }
        for (VersionSet versions : unapplied.values()) {
            n += versions.size();
        }
        return n;
    }

    public List<String> environments() {
        return Collections.unmodifiableList(environments);
    }

    public boolean hasEnvironment(String name) {
        return policies.containsKey(name);
    }

    public EnvironmentPolicy policy(String environment) {
        return policies.get(environment);
    }

    public MigrationDefinition migration(String key) {
        return migrations.get(key);
    }

    public Map<String, MigrationDefinition> migrations() {
        return Collections.unmodifiableMap(migrations);
    }

    public String plannedBy(String key) {
        return plannedBy.get(key);
    }

    public boolean hasSucceededAnywhere(String key) {
        return pinned.containsKey(key);
    }

    public String pinnedChecksum(String key) {
        return pinned.get(key);
    }

    /**
     * What an environment holds; an empty history where nothing happened yet. Reading never adds
     * an entry: command handlers must not change state that replaying the events would not rebuild.
     */
    public EnvironmentHistory history(String environment) {
        EnvironmentHistory history = histories.get(environment);
        return history != null ? history : new EnvironmentHistory();
    }

    /** The planned, versioned, not superseded migrations not applied in {@code environment}, in version order. */
    VersionSet unapplied(String environment) {
        VersionSet set = unapplied.get(environment);
        return set != null ? set : new VersionSet();
    }

    /** For {@link ProjectEvolution}: the history an event changes, created by the environment's first event. */
    EnvironmentHistory historyToChange(String environment) {
        return histories.computeIfAbsent(environment, e -> new EnvironmentHistory());
    }

    /** The version the ledger gave a change of a tool without versions, or null when it has none yet. */
    public String versionOfChange(Tool tool, String changeId) {
        return changeVersions.get(changeKey(tool, changeId));
    }

    static String changeKey(Tool tool, String changeId) {
        return tool.wireName() + ":" + changeId;
    }

    /** Every version key in use: planned, given to a change, or applied or failed in an environment. */
    Set<String> takenVersions() {
        Set<String> taken = new HashSet<>(migrations.keySet());
        taken.addAll(changeVersions.values());
        for (EnvironmentHistory h : histories.values()) {
            taken.addAll(h.applied.keySet());
            taken.addAll(h.failed.keySet());
        }
        return taken;
    }

    /** Whether {@code key} failed in some environment and has not succeeded there since. */
    boolean hasFailedAnywhere(String key) {
        return histories.values().stream().anyMatch(h -> h.failed.containsKey(key));
    }

    Approval approval(String approvalId) {
        return approvals.get(approvalId);
    }

    /** The request digest of the approval id's first use, or null when it was never used (R9). */
    Digest approvalRequest(String approvalId) {
        return approvalRequests.get(approvalId);
    }

    Digest backupRequest(String backupId) {
        return backupRequests.get(backupId);
    }

    /** The corrective version that supersedes a failed one, or null. */
    String correctionOf(String key) {
        return corrections.get(key);
    }

    AuthorizationRecord authorization(String executionId) {
        return authorizations.get(executionId);
    }

    FactRecord fact(String executionId) {
        return facts.get(executionId);
    }

    ScanRecord scan(String scanId) {
        return scans.get(scanId);
    }

    WebhookConfigured webhook(String webhookId) {
        return webhooks.get(webhookId);
    }

    Review review(String reviewId) {
        return reviews.get(reviewId);
    }

    /** Every review in the order its fact was recorded. */
    Collection<Review> reviews() {
        return Collections.unmodifiableCollection(reviews.values());
    }

    public boolean hasScript(String checksum) {
        return scripts.contains(checksum);
    }

    public boolean isSuperseded(String key) {
        return corrections.containsKey(key);
    }

    /** Open drift findings of one environment, by id, in the order they were detected. */
    public Map<String, OpenFinding> openDrift(String environment) {
        Map<String, OpenFinding> open = new LinkedHashMap<>();
        openDrift.forEach((id, f) -> {
            if (f.environment().equals(environment)) {
                open.put(id, f);
            }
        });
        return open;
    }

    public List<Approval> approvalsOf(String key) {
        return approvals.values().stream().filter(a -> a.versionKey().equals(key)).toList();
    }
}
