package dev.migrationledger.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.service.projection.compliance.ComplianceReport;

/**
 * The compliance report as one printable HTML page. Every value comes from clients (descriptions,
 * errors, URLs, principal names), so every value goes through {@link #escape}; the page has no
 * script and its own Content-Security-Policy forbids any.
 */
final class ComplianceHtml {

    private static final String CSS = """
            body{font:13px/1.4 system-ui,sans-serif;margin:24px;color:#111}
            h1{font-size:20px;margin:0 0 4px}
            table{border-collapse:collapse;width:100%;margin:12px 0}
            th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
            th{background:#f2f2f2}
            .badge{display:inline-block;border-radius:8px;padding:0 6px;font-size:11px;font-weight:600}
            .violation{background:#c62828;color:#fff}
            .ok{background:#2e7d32;color:#fff}
            .failed{background:#ef6c00;color:#fff}
            .totals span{margin-right:16px}
            code{font-size:11px;word-break:break-all}
            @media print{body{margin:0}a{color:#000;text-decoration:none}tr{page-break-inside:avoid}
              .badge{border:1px solid #000;-webkit-print-color-adjust:exact;print-color-adjust:exact}}
            """;

    private ComplianceHtml() {
    }

    static String render(ComplianceReport r) {
        StringBuilder out = new StringBuilder(8192);
        out.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>Compliance report ").append(escape(r.project())).append("</title><style>")
                .append(CSS).append("</style></head><body>");
        out.append("<h1>Compliance report: ").append(escape(r.project()));
        if (r.environment() != null) {
            out.append(" / ").append(escape(r.environment()));
        }
        out.append("</h1><p>Period: ").append(escape(r.from() == null ? "beginning" : r.from().toString()))
                .append(" – ").append(escape(r.to() == null ? "now" : r.to().toString()))
                .append(" · generated ").append(escape(r.generatedAt().toString()))
                .append(" · ledger index ").append(r.lastIndex()).append("</p>");
        ComplianceReport.Totals t = r.totals();
        out.append("<p class=\"totals\"><span>Applied: <b>").append(t.applied()).append("</b></span><span>Failed: <b>")
                .append(t.failed()).append("</b></span><span>With violations: <b>").append(t.withViolations())
                .append("</b></span><span>Drift findings: <b>").append(t.driftFindings()).append("</b></span></p>");
        out.append("<h2>Executions</h2><table><thead><tr><th>Env</th><th>Version</th><th>Status</th><th>Planned</th>")
                .append("<th>Approved</th><th>Backup</th><th>Authorized</th><th>Applied</th><th>Violations</th>")
                .append("<th>Receipt</th></tr></thead><tbody>");
        for (ComplianceReport.Execution x : r.executions()) {
            out.append("<tr><td>").append(escape(x.environment())).append("</td><td>").append(escape(x.version()))
                    .append("<br>").append(escape(x.description())).append("<br><code>").append(escape(x.checksum()))
                    .append("</code></td><td><span class=\"badge ").append("FAILED".equals(x.status()) ? "failed" : "ok")
                    .append("\">").append(escape(x.status())).append("</span>");
            if (x.error() != null) {
                out.append("<br>").append(escape(x.error()));
            }
            out.append("</td><td>").append(escape(x.plannedBy())).append("<br>").append(escape(text(x.plannedAt())))
                    .append("</td><td>");
            for (JsonNode a : iterable(x.approvals())) {
                out.append(escape(a.path("approver").asText())).append(" at ").append(escape(a.path("approvedAt").asText()))
                        .append("<br><code>").append(escape(a.path("checksum").asText())).append("</code><br>");
            }
            out.append("</td><td>").append(x.backup() == null ? "—" : escape(x.backup().path("backupId").asText())
                    + " taken " + escape(x.backup().path("takenAt").asText()) + " by " + escape(x.backup().path("verifiedBy").asText()))
                    .append("</td><td>").append(x.authorization() == null ? "—"
                            : escape(x.authorization().path("executionId").asText()) + " by "
                            + escape(x.authorization().path("authorizedBy").asText()) + "<br>"
                            + escape(x.authorization().path("authorizedAt").asText()))
                    .append("</td><td>").append(escape(x.appliedBy())).append(" (").append(escape(x.tool())).append(")<br>")
                    .append(escape(x.executionId())).append("<br>").append(escape(text(x.finishedAt())));
            if (x.gitSha() != null) {
                out.append("<br>git ").append(escape(x.gitSha()));
            }
            if (x.pipelineUrl() != null) {
                out.append("<br>").append(escape(x.pipelineUrl()));
            }
            out.append("</td><td>");
            for (JsonNode v : iterable(x.violations())) {
                out.append("<span class=\"badge violation\" title=\"").append(escape(v.path("message").asText()))
                        .append("\">").append(escape(v.path("code").asText())).append("</span> ");
            }
            out.append("</td><td>").append(x.receiptUrl() == null ? "—"
                    : "<a href=\"" + escape(x.receiptUrl()) + "\">" + escape(x.receiptId()) + "</a>").append("</td></tr>");
        }
        out.append("</tbody></table><h2>Drift findings</h2><table><thead><tr><th>Env</th><th>Kind</th><th>Version</th>")
                .append("<th>Detail</th><th>Objects</th><th>Detected</th><th>Status</th></tr></thead><tbody>");
        for (ComplianceReport.Finding f : r.drift()) {
            out.append("<tr><td>").append(escape(f.environment())).append("</td><td><span class=\"badge violation\">")
                    .append(escape(f.kind())).append("</span></td><td>").append(escape(f.version())).append("</td><td>")
                    .append(escape(f.detail())).append("</td><td>");
            for (JsonNode o : iterable(f.objects())) {
                out.append("<code>").append(escape(o.asText())).append("</code><br>");
            }
            out.append("</td><td>").append(escape(text(f.detectedAt()))).append(" by ").append(escape(f.detectedBy()))
                    .append("</td><td>").append(escape(f.status()));
            if (f.resolvedAt() != null) {
                out.append(" ").append(escape(f.resolvedAt().toString()));
            }
            out.append("</td></tr>");
        }
        out.append("</tbody></table><h2>Emergency changes awaiting review</h2><table><thead><tr><th>Env</th>")
                .append("<th>Version</th><th>Execution</th><th>Recorded by</th><th>Violations</th><th>Due</th>")
                .append("<th>State</th></tr></thead><tbody>");
        for (dev.migrationledger.ledger.api.EmergencyReview v : r.reviews()) {
            out.append("<tr><td>").append(escape(v.environment())).append("</td><td>").append(escape(v.version()))
                    .append("</td><td>").append(escape(v.reviewId())).append("</td><td>").append(escape(v.factActor()))
                    .append("</td><td>");
            v.violations().forEach(c -> out.append("<span class=\"badge violation\">").append(escape(c)).append("</span> "));
            out.append("</td><td>").append(escape(v.dueAt().toString())).append("</td><td>")
                    .append("overdue".equals(v.state()) ? "<span class=\"badge violation\">overdue</span>"
                            : escape(v.state()))
                    .append("</td></tr>");
        }
        return out.append("</tbody></table></body></html>").toString();
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return array == null || !array.isArray() ? java.util.List.of() : array;
    }
}
