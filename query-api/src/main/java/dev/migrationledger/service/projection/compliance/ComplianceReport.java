package dev.migrationledger.service.projection.compliance;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * Every execution in a period with its paper trail, and the drift findings open or resolved in it.
 * {@code executions} are in ledger order; a BASELINE row was imported from another tool's history.
 * {@code from}/{@code to} bound the execution's finishedAt (null: unbounded).
 */
/** {@code reviews}: emergency changes still awaiting their review (open and overdue, §10), whatever the period. */
public record ComplianceReport(String project, String environment, Instant from, Instant to, Instant generatedAt,
                               long lastIndex, Totals totals, List<Execution> executions, List<Finding> drift,
                               List<dev.migrationledger.ledger.api.EmergencyReview> reviews) {

    public ComplianceReport(String project, String environment, Instant from, Instant to, Instant generatedAt,
                            long lastIndex, Totals totals, List<Execution> executions, List<Finding> drift) {
        this(project, environment, from, to, generatedAt, lastIndex, totals, executions, drift, List.of());
    }

    public ComplianceReport withReviews(List<dev.migrationledger.ledger.api.EmergencyReview> open) {
        return new ComplianceReport(project, environment, from, to, generatedAt, lastIndex, totals, executions, drift,
                List.copyOf(open));
    }

    public record Totals(int applied, int failed, int withViolations, int driftFindings) {
    }

    /** {@code author}: who wrote the migration, as planned; separation of duties is about him, not the planner. */
    public record Execution(String executionId, String environment, String version, String description,
                            String checksum, String status, Instant startedAt, Instant finishedAt, Instant recordedAt,
                            String appliedBy, String tool, String gitSha, String pipelineUrl, String error,
                            String plannedBy, Instant plannedAt, String author, JsonNode approvals, JsonNode backup,
                            JsonNode authorization, JsonNode violations, String receiptId, String receiptUrl) {

        public boolean hasViolations() {
            return violations != null && !violations.isEmpty();
        }
    }

    public record Finding(String findingId, String environment, String kind, String version, String detail,
                          JsonNode objects, String scanId, Instant detectedAt, String detectedBy, Instant resolvedAt,
                          String status) {
    }
}
