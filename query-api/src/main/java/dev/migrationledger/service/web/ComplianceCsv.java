package dev.migrationledger.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.ledger.api.EmergencyReview;
import dev.migrationledger.service.projection.compliance.ComplianceReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.StreamSupport;

/**
 * The compliance report as RFC 4180 CSV: a header, then one row per execution, CRLF line ends. An emergency change's
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
        line(out, HEADER);
        for (ComplianceReport.Execution x : report.executions()) {
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
            EmergencyReview review = reviews.get(x.executionId());
            row.add(review == null ? null : review.state());
            row.add(review == null ? null : text(review.dueAt()));
            row.add(review == null ? null : review.reviewedBy());
            row.add(review == null ? null : text(review.reviewedAt()));
            row.add(review == null ? null : review.comment());
            line(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /**
     * RFC 4180 quoting; and a cell a spreadsheet would run as a formula (=, +, -, @ first) gets a
     * leading apostrophe, since descriptions and errors come from whoever wrote the migration.
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
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
