package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.*;

import java.util.List;
import java.util.Objects;

/**
 * The content of a request or fact that R9 compares when an idempotency key comes back: the same
 * key with the same request digest is a replay, with another digest a conflict (not to be confused with
 * a schema fingerprint, the hash of a database's schema). Computed from the
 * normalized command and, identically, from the recorded event, so replays are recognized after a
 * restart too. Kept as a {@link Digest}: the content itself stays in the events.
 */
final class RequestDigests {

    private RequestDigests() {
    }

    static Digest fact(String environment, ExecutionFact f) {
        return join("fact", environment, f.version(), f.checksum(), f.status(), f.startedAt(), f.finishedAt(), f.error(),
                f.gitSha(), f.pipelineUrl(), f.tool(), f.schemaFingerprint(), f.authorizationDigest());
    }

    static Digest fact(MigrationApplied e) {
        return fact(e.environment(), new ExecutionFact(e.executionId(), e.version(), e.checksum(),
                ExecutionStatus.APPLIED, e.startedAt(), e.finishedAt(), null, e.gitSha(), e.pipelineUrl(), e.tool(),
                e.schemaFingerprint(), e.authorizationDigest()));
    }

    static Digest fact(MigrationFailed e) {
        return fact(e.environment(), new ExecutionFact(e.executionId(), e.version(), e.checksum(),
                ExecutionStatus.FAILED, e.startedAt(), e.finishedAt(), e.error(), e.gitSha(), e.pipelineUrl(), e.tool(),
                null, e.authorizationDigest()));
    }

    static Digest rollback(String environment, String version, String reason, Tool tool, java.time.Instant occurredAt) {
        return rollbackWithoutTime(environment, version, reason, tool).then(join(occurredAt));
    }

    /**
     * A rollback reported without a time is recorded at the time the ledger received it, so a later
     * replay of the same report cannot repeat that time: it is the same content when everything but
     * the time matches (the first half of the recorded digest).
     */
    static Digest rollbackWithoutTime(String environment, String version, String reason, Tool tool) {
        return join("rollback", environment, version, reason, tool);
    }

    static Digest rollback(MigrationRolledBack e) {
        return rollback(e.environment(), e.version(), e.reason(), e.tool(), e.occurredAt());
    }

    static Digest approval(MigrationApproved e) {
        return approval(e.version(), e.checksum(), e.environment(), e.comment(), e.actor());
    }

    static Digest approval(String key, String checksum, String environment, String comment, String actor) {
        return join("approval", key, checksum, environment, comment, actor);
    }

    static Digest backup(BackupVerified e) {
        return backup(e.environment(), e.location(), e.takenAt(), e.retentionDays(), e.restoreTested());
    }

    static Digest backup(String environment, String location, java.time.Instant takenAt, Integer retentionDays,
                         boolean restoreTested) {
        return join("backup", environment, location, takenAt, retentionDays, restoreTested);
    }

    /** @param checksums the request's checksums by version key, in request order; null when it named none */
    static Digest authorization(String environment, List<String> versions, java.util.Map<String, String> checksums,
                                String targetDigest) {
        String named = checksums == null ? null : checksums.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(","));
        return join("authorization", environment, String.join(",", versions), named, targetDigest);
    }

    private static Digest join(Object... parts) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            // length-prefixed, so no value can forge a separator
            String text = Objects.toString(part, "\u0000");
            out.append(text.length()).append(':').append(text).append(';');
        }
        return Digest.of(out.toString());
    }
}
