package dev.migrationledger.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.ledger.api.EmergencyReview;
import dev.migrationledger.service.projection.compliance.ComplianceReport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.StreamSupport;

/**
 * The compliance report as RFC 4180 CSV (Commons CSV's RFC4180 format): a header, then one row per execution,
 * CRLF line ends. An emergency change's
 * row carries its review (§10): open, overdue or closed, and who closed it when, with what comment.
 */
final class ComplianceCsv {

    private static final List<String> HEADER = List.of("project", "environment", "version", "description", "status",
            "execution_id", "checksum", "started_at", "finished_at", "recorded_at", "applied_by", "tool", "git_sha",
            "pipeline_url", "error", "planned_by", "planned_at", "author", "approvals", "backup_id", "backup_taken_at",
            "backup_verified_by", "authorization_id", "authorized_by", "authorized_at", "violations", "receipt_url",
            "review_state", "review_due_at", "reviewed_by", "reviewed_at", "review_comment");

    private ComplianceCsv() {
    }

    /** @param reviews every review of the project (any state), by the executionId of the fact that opened it */
    static String render(ComplianceReport report, Map<String, EmergencyReview> reviews) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            csv.printRecord(HEADER);
            for (ComplianceReport.Execution x : report.executions()) {
                csv.printRecord(row(report, x, reviews.get(x.executionId())).stream().map(ComplianceCsv::cell));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder does not fail", e);
        }
        return out.toString();
    }

    private static List<String> row(ComplianceReport report, ComplianceReport.Execution x, EmergencyReview review) {
        List<String> row = new ArrayList<>();
        row.add(report.project());
        row.add(x.environment());
        row.add(x.version());
        row.add(x.description());
        row.add(x.status());
        row.add(x.executionId());
        row.add(x.checksum());
        row.add(text(x.startedAt()));
        row.add(text(x.finishedAt()));
        row.add(text(x.recordedAt()));
        row.add(x.appliedBy());
        row.add(x.tool());
        row.add(x.gitSha());
        row.add(x.pipelineUrl());
        row.add(x.error());
        row.add(x.plannedBy());
        row.add(text(x.plannedAt()));
        row.add(x.author());
        row.add(join(x.approvals(), a -> a.path("approver").asText() + " at " + a.path("approvedAt").asText()
                + " for " + a.path("checksum").asText()));
        row.add(field(x.backup(), "backupId"));
        row.add(field(x.backup(), "takenAt"));
        row.add(field(x.backup(), "verifiedBy"));
        row.add(field(x.authorization(), "executionId"));
        row.add(field(x.authorization(), "authorizedBy"));
        row.add(field(x.authorization(), "authorizedAt"));
        row.add(join(x.violations(), v -> v.path("code").asText()));
        row.add(x.receiptUrl());
        row.add(review == null ? null : review.state());
        row.add(review == null ? null : text(review.dueAt()));
        row.add(review == null ? null : review.reviewedBy());
        row.add(review == null ? null : text(review.reviewedAt()));
        row.add(review == null ? null : review.comment());
        return row;
    }

    /**
     * A cell a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe, since descriptions
     * and errors come from whoever wrote the migration. Empty is null: Commons CSV quotes an empty first cell.
     */
    private static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String field(JsonNode node, String name) {
        return node == null || node.isNull() || !node.hasNonNull(name) ? null : node.get(name).asText();
    }

    private static String join(JsonNode array, java.util.function.Function<JsonNode, String> each) {
        if (array == null || !array.isArray()) {
            return null;
        }
        return String.join("; ", StreamSupport.stream(array.spliterator(), false).map(each)
                .filter(Objects::nonNull).toList());
    }
}
