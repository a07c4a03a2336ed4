package dev.migrationledger.ledger.integrity;

import dev.migrationledger.ledger.api.ReportedReason;
import java.time.Instant;
import java.util.List;

/**
 * The predicate of a receipt's in-toto Statement ({@value InTotoStatement#RECEIPT_PREDICATE_TYPE}, SPEC §6):
 * what the ledger asserts about one migration in one environment, and where in the log each assertion is
 * recorded ({@code leafIndex} fields and {@link LedgerReference}), so a verifier can check it against the
 * events themselves. Absent parts (no backup, not yet executed, not reviewed) are null.
 */
public record ReceiptPredicate(String project, String environment, String version, String description, String checksum,
                               String plannedBy, List<Approval> approvals, Backup backup, Authorization authorization,
                               Execution execution, String gitSha, String pipelineUrl, String tool,
                               List<ReportedReason> violations, LedgerReference ledger, Review review) {

    public ReceiptPredicate {
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    /** A predicate about a fact no one reviewed after the fact (or that needed no review). */
    public ReceiptPredicate(String project, String environment, String version, String description, String checksum,
                            String plannedBy, List<Approval> approvals, Backup backup, Authorization authorization,
                            Execution execution, String gitSha, String pipelineUrl, String tool,
                            List<ReportedReason> violations, LedgerReference ledger) {
        this(project, environment, version, description, checksum, plannedBy, approvals, backup, authorization, execution,
                gitSha, pipelineUrl, tool, violations, ledger, null);
    }

    public record Approval(String approver, Instant approvedAt, String checksum, String environment, long leafIndex) {
    }

    public record Backup(String backupId, String location, Instant takenAt, String verifiedBy, long leafIndex) {
    }

    /**
     * {@code envelope} is the signed authorization the executor received (SPEC §10), null for authorizations
     * recorded before they were signed.
     */
    public record Authorization(String executionId, String authorizedBy, Instant authorizedAt, long leafIndex,
                                DsseEnvelope envelope) {

        public Authorization(String executionId, String authorizedBy, Instant authorizedAt, long leafIndex) {
            this(executionId, authorizedBy, authorizedAt, leafIndex, null);
        }
    }

    /**
     * {@code result} names an {@link dev.migrationledger.ledger.domain.Outcome}: APPLIED, FAILED or ROLLED_BACK;
     * {@code error} is a failure's error or a rollback's reason.
     */
    public record Execution(String executionId, Instant startedAt, Instant finishedAt, String result, String error) {
    }

    /**
     * The after-the-fact review of an emergency change (§10): {@code reviewId} is the fact's executionId, the
     * {@code ChangeReviewed} event is at {@code leafIndex}, after the fact's leaf.
     */
    public record Review(String reviewId, String reviewer, Instant reviewedAt, String comment, long leafIndex) {
    }

    /** The log origin, every leaf the receipt relies on, and the size of the checkpoint it was proven at. */
    public record LedgerReference(String origin, List<Long> leafIndexes, long checkpointSize) {
        public LedgerReference {
            leafIndexes = leafIndexes == null ? List.of() : List.copyOf(leafIndexes);
        }
    }

    /** The same predicate with the fact's after-the-fact review. */
    public ReceiptPredicate withReview(Review found) {
        return new ReceiptPredicate(project, environment, version, description, checksum, plannedBy, approvals, backup,
                authorization, execution, gitSha, pipelineUrl, tool, violations, ledger, found);
    }

    /** The same predicate bound to another place in the log; the issuer fills this in. */
    public ReceiptPredicate withLedger(LedgerReference reference) {
        return new ReceiptPredicate(project, environment, version, description, checksum, plannedBy, approvals, backup,
                authorization, execution, gitSha, pipelineUrl, tool, violations, reference, review);
    }
}
