package dev.migrationledger.executor.flyway;

import dev.migrationledger.executor.client.ApiShapes.Denial;
import dev.migrationledger.executor.client.ProblemReason;
import java.util.ArrayList;
import java.util.List;

/** What one {@code ledger migrate} did; the {@code --json} document's shape. */
public final class MigrationReport {

    /** One recorded fact and the rules the ledger says it broke. */
    public record Recorded(String executionId, String version, String status, List<ProblemReason> violations) {
    }

    public String runId;
    public boolean dryRun;
    public final List<String> pending = new ArrayList<>();
    public final List<String> authorized = new ArrayList<>();
    public final List<Denial> denied = new ArrayList<>();
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
