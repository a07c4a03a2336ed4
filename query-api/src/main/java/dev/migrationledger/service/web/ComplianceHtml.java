package dev.migrationledger.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.ledger.api.EmergencyReview;
import dev.migrationledger.service.projection.compliance.ComplianceReport;
import dev.migrationledger.service.projection.environmentstate.ProjectView;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compliance report as one printable HTML page. Every value comes from clients (descriptions,
 * errors, URLs, principal names), so every value goes through {@link #escape}; the page has no
 * script and its own Content-Security-Policy forbids any.
 */
final class ComplianceHtml {

    private static final String CSS = """
            body{font:13px/1.4 system-ui,sans-serif;margin:24px;color:#111}
            h1{font-size:20px;margin:0 0 4px}
            h2{font-size:15px;margin:16px 0 4px}
            table{border-collapse:collapse;width:100%;margin:8px 0}
            th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
            th{background:#f2f2f2}
            table.executions{table-layout:fixed}
            table.executions th:nth-child(1){width:40%}
            table.executions th:nth-child(2){width:15%}
            table.executions th:nth-child(3){width:20%}
            tr.main td{border-bottom:0}
            tr.detail td{border-top:0;color:#444;font-size:11px;padding-top:0}
            .badge{display:inline-block;border-radius:8px;padding:0 6px;font-size:11px;font-weight:600}
            .violation{background:#c62828;color:#fff}
            .ok{background:#2e7d32;color:#fff}
            .failed{background:#ef6c00;color:#fff}
            .short{color:#b71c1c;font-weight:600}
            .totals span{margin-right:16px}
            code{font-size:11px}
            code.hash{white-space:nowrap}
            @media print{body{margin:0}a{color:#000;text-decoration:none}tr{page-break-inside:avoid}
              .badge{border:1px solid #000;-webkit-print-color-adjust:exact;print-color-adjust:exact}}
            """;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private ComplianceHtml() {
    }

    /**
     * {@code baseUrl}: the service's public origin, so that receipt links still work in a saved file;
     * {@code environments}: the project's current policies, shown beside the approvals they require.
     */
    static String render(ComplianceReport r, List<ProjectView.Environment> environments, String baseUrl) {
        Map<String, ProjectView.Policy> policies = new LinkedHashMap<>();
        environments.forEach(e -> policies.put(e.name(), e.policy()));
        StringBuilder out = new StringBuilder(8192);
        out.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
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
        out.append("<h2>Policies (as they stand now)</h2><ul class=\"policies\">");
        policies.forEach((name, policy) -> out.append("<li><b>").append(escape(name)).append("</b>: ")
                .append(escape(describe(policy))).append("</li>"));
        out.append("</ul>");
        executions(out, r, policies, baseUrl);
        drift(out, r);
        reviews(out, r);
        return out.append("</body></html>").toString();
    }

    /** One row of who and what per execution, and beneath it two rows of evidence, so no cell grows tall. */
    private static void executions(StringBuilder out, ComplianceReport r, Map<String, ProjectView.Policy> policies,
                                   String baseUrl) {
        out.append("<h2>Executions</h2><table class=\"executions\"><thead><tr><th>Environment · version</th><th>Status</th><th>Author</th>")
                .append("<th>Approved by</th></tr></thead><tbody>");
        for (ComplianceReport.Execution x : r.executions()) {
            out.append("<tr class=\"main\"><td><b>").append(escape(x.environment())).append(" · ")
                    .append(escape(x.version())).append("</b> ").append(escape(x.description()))
                    .append("</td><td><span class=\"badge ").append(x.status().contains("FAILED") ? "failed" : "ok")
                    .append("\">").append(escape(x.status())).append("</span>");
            int violations = x.violations() == null ? 0 : x.violations().size();
            if (violations > 0) {
                out.append(" <span class=\"short\">").append(violations).append(violations == 1 ? " violation" : " violations")
                        .append("</span>");
            }
            out.append("</td><td>").append(escape(x.author())).append("</td><td>");
            List<String> approvers = new ArrayList<>();
            for (JsonNode a : iterable(x.approvals())) {
                String approver = escape(a.path("approver").asText());
                approvers.add(a.path("checksum").asText().equals(x.checksum()) ? approver
                        : approver + " (of " + hash(a.path("checksum").asText(), true) + ")");
            }
            out.append(approvers.isEmpty() ? "none" : String.join(", ", approvers));
            ProjectView.Policy policy = policies.get(x.environment());
            if (policy != null && policy.requiredApprovals() == 0) {
                out.append(" · none required");
            } else if (policy != null) {
                out.append(" · ").append(approvers.size() < policy.requiredApprovals() ? "<span class=\"short\">" : "<span>")
                        .append(approvers.size()).append(" of ").append(policy.requiredApprovals())
                        .append(" required</span>");
            }
            out.append("</td></tr><tr class=\"detail\"><td colspan=\"4\">");
            for (JsonNode v : iterable(x.violations())) {
                out.append("<span class=\"badge violation\" title=\"").append(escape(v.path("message").asText()))
                        .append("\">").append(escape(v.path("code").asText())).append("</span> ");
            }
            out.append("execution ").append(escape(x.executionId()))
                    .append(" by ").append(escape(x.appliedBy()));
            if (x.tool() != null) {
                out.append(" (").append(escape(x.tool())).append(")");
            }
            out.append(" ").append(escape(time(x.finishedAt()))).append(" · receipt ");
            if (x.receiptUrl() == null) {
                out.append("none (imported history)");
            } else {
                String id = x.receiptId();
                out.append("<a href=\"").append(escape(baseUrl + x.receiptUrl())).append("\" title=\"")
                        .append(escape(id)).append("\">")
                        .append(escape(id.length() > 20 ? id.substring(0, 17) + "…" : id)).append("</a>");
            }
            if (x.authorization() != null) {
                out.append(" · authorized in ").append(escape(x.authorization().path("executionId").asText()))
                        .append(" by ").append(escape(x.authorization().path("authorizedBy").asText()));
            } else {
                out.append(" · no authorization");
            }
            if (x.backup() != null) {
                out.append(" · backup ").append(escape(x.backup().path("backupId").asText())).append(" taken ")
                        .append(escape(x.backup().path("takenAt").asText())).append(" by ")
                        .append(escape(x.backup().path("verifiedBy").asText()))
                        .append(x.backup().path("restoreTested").asBoolean() ? " (restore-tested)" : "");
            }
            // what ran and where it came from: a row of its own, so the full checksum never squeezes the rest
            out.append("</td></tr><tr class=\"detail\"><td colspan=\"4\">checksum ").append(hash(x.checksum(), false))
                    .append(" · planned by ").append(escape(x.plannedBy())).append(" ").append(escape(time(x.plannedAt())));
            if (x.gitSha() != null) {
                out.append(" · git ").append(escape(x.gitSha()));
            }
            if (x.pipelineUrl() != null) {
                // a link keeps the row short; only a web address becomes one
                out.append(" · ").append(x.pipelineUrl().matches("(?i)https?://\\S+")
                        ? "<a href=\"" + escape(x.pipelineUrl()) + "\" title=\"" + escape(x.pipelineUrl()) + "\">pipeline</a>"
                        : "pipeline " + escape(x.pipelineUrl()));
            }
            if (x.error() != null && !x.error().isBlank()) {
                out.append(" · error: ").append(escape(x.error()));
            }
            out.append("</td></tr>");
        }
        out.append("</tbody></table>");
    }

    private static void drift(StringBuilder out, ComplianceReport r) {
        out.append("<h2>Drift findings</h2><table><thead><tr><th>Env</th><th>Kind</th><th>Version</th>")
                .append("<th>Detail</th><th>Detected</th><th>Status</th></tr></thead><tbody>");
        for (ComplianceReport.Finding f : r.drift()) {
            out.append("<tr><td>").append(escape(f.environment())).append("</td><td><span class=\"badge violation\">")
                    .append(escape(f.kind())).append("</span></td><td>").append(escape(f.version())).append("</td><td>")
                    .append(escape(f.detail()));
            for (JsonNode o : iterable(f.objects())) {
                out.append(" <code>").append(escape(o.asText())).append("</code>");
            }
            out.append("</td><td>").append(escape(time(f.detectedAt()))).append(" by ").append(escape(f.detectedBy()))
                    .append("</td><td>").append(escape(f.status()));
            if (f.resolvedAt() != null) {
                out.append(" ").append(escape(time(f.resolvedAt())));
            }
            out.append("</td></tr>");
        }
        out.append("</tbody></table>");
    }

    private static void reviews(StringBuilder out, ComplianceReport r) {
        out.append("<h2>Emergency changes awaiting review</h2><table><thead><tr><th>Env</th>")
                .append("<th>Version</th><th>Execution</th><th>Recorded by</th><th>Violations</th><th>Due</th>")
                .append("<th>State</th></tr></thead><tbody>");
        for (EmergencyReview v : r.reviews()) {
            out.append("<tr><td>").append(escape(v.environment())).append("</td><td>").append(escape(v.version()))
                    .append("</td><td>").append(escape(v.reviewId())).append("</td><td>").append(escape(v.factActor()))
                    .append("</td><td>");
            v.violations().forEach(c -> out.append("<span class=\"badge violation\">").append(escape(c)).append("</span> "));
            out.append("</td><td>").append(escape(time(v.dueAt()))).append("</td><td>")
                    .append("overdue".equals(v.state()) ? "<span class=\"badge violation\">overdue</span>"
                            : escape(v.state()))
                    .append("</td></tr>");
        }
        out.append("</tbody></table>");
    }

    static String describe(ProjectView.Policy policy) {
        StringBuilder text = new StringBuilder().append(policy.requiredApprovals())
                .append(policy.requiredApprovals() == 1 ? " approval" : " approvals");
        if (!policy.backupRequiredFor().isEmpty()) {
            text.append(", backup before ").append(String.join(", ",
                    policy.backupRequiredFor().stream().map(Enum::name).toList()));
        }
        if (policy.promoteFrom() != null && !policy.promoteFrom().isBlank()) {
            text.append(", promoted from ").append(policy.promoteFrom());
        }
        if (policy.frozen()) {
            text.append(", frozen");
        }
        if (policy.outOfOrder()) {
            text.append(", out of order allowed");
        }
        return text.toString();
    }

    /** A checksum in full fits one line of the evidence row; elsewhere its head, with the whole in the title. */
    private static String hash(String checksum, boolean shortened) {
        String shown = shortened && checksum.length() > 16 ? checksum.substring(0, 12) + "…" : checksum;
        return "<code class=\"hash\" title=\"" + escape(checksum) + "\">" + escape(shown) + "</code>";
    }

    private static String time(Instant at) {
        return at == null ? null : TIME.format(at);
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

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return array == null || !array.isArray() ? java.util.List.of() : array;
    }
}
