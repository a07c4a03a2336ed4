package dev.migrationledger.ledger.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one environment holds according to the ledger. Positions ({@code seq}) are the project's own
 * event counter, so "a backup recorded after the last apply" (R3) is a comparison of two numbers.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class EnvironmentHistory {

    public record Applied(String checksum, String executionId, long seq, Instant appliedAt) {
    }

    public record Failed(String checksum, String executionId, String error, long seq, Instant failedAt) {
    }

    /** An open authorization: the ledger allowed this checksum to be applied by this execution. */
    public record Grant(String authorizationId, String checksum) {
    }

    /** The schema fingerprint an apply reported after it ran: what a scan of the live schema should find. */
    public record SchemaMark(String fingerprint, String version, String executionId) {
    }

    /**
     * What an import recorded from one history row, by the row's sourceId: a later import of the same row is
     * compared with it (the same: nothing to record; a re-run: recorded; anything else: refused), and a scan
     * compares the row's own checksum with it.
     */
    public record Imported(String version, String checksum, String toolChecksum, boolean success, String state) {
    }

    final Map<String, Applied> applied = new LinkedHashMap<>();
    final Map<String, Imported> imported = new LinkedHashMap<>();
    final Map<String, Failed> failed = new LinkedHashMap<>();
    final Map<String, Grant> grants = new LinkedHashMap<>();
    /** The versioned (non-repeatable) keys of {@code applied}, in version order: R4's highest applied version. */
    final VersionSet appliedVersions = new VersionSet();
    long lastAppliedSeq;
    long lastBackupSeq;
    /** The last backup whose restore was tested, for policy backupVerification: restored (§10). */
    long lastRestoredBackupSeq;
    SchemaMark lastSchema;

    /** Entries held, for {@link ProjectState#entries()}. */
    long entries() {
        return applied.size() + imported.size() + failed.size() + grants.size() + appliedVersions.size();
    }

    public Applied applied(String key) {
        return applied.get(key);
    }

    public boolean isApplied(String key) {
        return applied.containsKey(key);
    }

    public Map<String, Failed> failed() {
        return Collections.unmodifiableMap(failed);
    }

    public Imported imported(String sourceId) {
        return sourceId == null ? null : imported.get(sourceId);
    }

    public Grant grant(String key) {
        return grants.get(key);
    }

    /** The fingerprint recorded by the last apply here that carried one, or null. */
    public SchemaMark lastSchema() {
        return lastSchema;
    }

    public Map<String, Applied> appliedByVersion() {
        return Collections.unmodifiableMap(applied);
    }

    public boolean hasBackupAfterLastApply() {
        return lastBackupSeq > 0 && lastBackupSeq > lastAppliedSeq;
    }

    /** R3 under {@code backupVerification}: with {@code restored}, only a restore-tested backup counts. */
    public boolean hasBackupAfterLastApply(BackupVerification verification) {
        return verification == BackupVerification.RESTORED
                ? lastRestoredBackupSeq > 0 && lastRestoredBackupSeq > lastAppliedSeq
                : hasBackupAfterLastApply();
    }

    // Value equality: a history rebuilt from the events equals the one the aggregate holds, which is
    // what Axon's fixture checks (illegal state changes) and what a snapshot round trip must keep.
    @Override
    public boolean equals(Object o) {
        return o instanceof EnvironmentHistory h && applied.equals(h.applied) && appliedVersions.equals(h.appliedVersions) && failed.equals(h.failed)
                && grants.equals(h.grants) && imported.equals(h.imported) && lastAppliedSeq == h.lastAppliedSeq && lastBackupSeq == h.lastBackupSeq
                && lastRestoredBackupSeq == h.lastRestoredBackupSeq
                && Objects.equals(lastSchema, h.lastSchema);
    }

    @Override
    public int hashCode() {
        return Objects.hash(applied, appliedVersions, failed, grants, imported, lastAppliedSeq, lastBackupSeq,
                lastRestoredBackupSeq, lastSchema);
    }

    /** The highest versioned (non-repeatable) migration applied here, or null. */
    public Version highestApplied() {
        return appliedVersions.last();
    }

    /** For {@link ProjectEvolution}: every apply and every rollback goes through these two. */
    void markApplied(String key, Applied entry) {
        applied.put(key, entry);
        if (!Version.parse(key).isRepeatable()) {
            appliedVersions.add(key);
        }
    }

    void markRolledBack(String key) {
        applied.remove(key);
        appliedVersions.remove(key);
    }
}
