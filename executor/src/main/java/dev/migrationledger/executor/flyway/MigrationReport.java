package dev.migrationledger.executor.flyway;

import dev.migrationledger.ledger.api.ReportedReason;
import dev.migrationledger.ledger.wire.AuthorizationResponse.Denial;
import java.util.ArrayList;
import java.util.List;

/** What one {@code ledger migrate} did; the {@code --json} document's shape. */
public final class MigrationReport {

    /** One recorded fact and the rules the ledger says it broke. */
    public record Recorded(String executionId, String version, String status, List<ReportedReason> violations) {
    }

    /**
     * What a dry run found for one pending file: its checksum, whether that is the planned one (null: the
     * version is not planned), and what the gate would do — AUTHORIZED, DENIED (with every reason) or
     * WAITING (it passes, but comes after a denied version, and the gate stops at the first denial).
     */
    public record Judged(String version, String file, String checksum, Boolean matchesPlan, String verdict,
                         List<ReportedReason> reasons) {
    }

    public String runId;
    public boolean dryRun;
    public final List<String> pending = new ArrayList<>();
    public final List<String> authorized = new ArrayList<>();
    public final List<Denial> denied = new ArrayList<>();
    /** A dry run's verdict on each pending file, in order. */
    public final List<Judged> judged = new ArrayList<>();
    /** SHA-256 of the signed authorization's payload the run verified and applied under; its facts carry it. */
    public String authorizationDigest;
    public final List<String> applied = new ArrayList<>();
    public String failed;
    public String error;
    public final List<Recorded> recorded = new ArrayList<>();
    /** The live schema's fingerprint after this run's last applied migration (docs/drift.md); null if none applied. */
    public String schemaFingerprint;
    /** Facts frozen in the target's outbox that the ledger has not acknowledged yet (re-sent next run). */
    public int unrecorded;
    public int exitCode;
    public String message;

    MigrationReport end(int exitCode, String message) {
        this.exitCode = exitCode;
        this.message = message;
        return this;
    }
}
