package dev.migrationledger.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.ledger.api.EmergencyReview;
import dev.migrationledger.service.projection.compliance.ComplianceReport;
import dev.migrationledger.service.projection.environmentstate.ProjectView;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * The compliance report as one printable HTML page, rendered by Thymeleaf from {@code reports/compliance.html}.
 * Every value comes from clients (descriptions, errors, URLs, principal names); the engine escapes each, and the
 * page has no script and its own Content-Security-Policy forbids any. What the page shows is decided here, in
 * the view records; the template only lays it out.
 */
final class ComplianceHtml {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final TemplateEngine ENGINE = engine();

    record Page(String project, String environment, String from, String to, String generatedAt, long lastIndex,
                ComplianceReport.Totals totals, List<Policy> policies, List<Row> executions, List<Drift> drift,
                List<Review> reviews) {
    }

    record Policy(String name, String text) {
    }

    record Approver(String name, String checksum, String shortChecksum) {
    }

    record Violation(String code, String message) {
    }

    /** One row of who and what per execution, and beneath it two rows of evidence, so no cell grows tall. */
    record Row(String environment, String version, String description, String status, String statusClass,
               String violationCount, String author, List<Approver> approvers, boolean noApprovers,
               boolean noneRequired, String required, boolean tooFewApprovals, List<Violation> violations,
               String executionId, String appliedBy, String tool, String finishedAt, String receiptHref,
               String receiptId, String receiptShown, String authorizedIn, String authorizedBy, String backupId,
               String backupTakenAt, String backupVerifiedBy, boolean restoreTested, String checksum,
               String plannedBy, String plannedAt, String gitSha, String pipelineUrl, boolean pipelineLink,
               String error) {
    }

    record Drift(String environment, String kind, String version, String detail, List<String> objects,
                 String detectedAt, String detectedBy, String status, String resolvedAt) {
    }

    record Review(String environment, String version, String reviewId, String factActor, List<String> violations,
                  String dueAt, String state, boolean overdue) {
    }

    private ComplianceHtml() {
    }

    /**
     * {@code baseUrl}: the service's public origin, so that receipt links still work in a saved file;
     * {@code environments}: the project's current policies, shown beside the approvals they require.
     */
    static String render(ComplianceReport r, List<ProjectView.Environment> environments, String baseUrl) {
        Map<String, ProjectView.Policy> policies = new java.util.LinkedHashMap<>();
        environments.forEach(e -> policies.put(e.name(), e.policy()));
        Page page = new Page(r.project(), r.environment(), r.from() == null ? "beginning" : r.from().toString(),
                r.to() == null ? "now" : r.to().toString(), r.generatedAt().toString(), r.lastIndex(), r.totals(),
                policies.entrySet().stream().map(e -> new Policy(e.getKey(), describe(e.getValue()))).toList(),
                r.executions().stream().map(x -> row(x, policies.get(x.environment()), baseUrl)).toList(),
                r.drift().stream().map(ComplianceHtml::drift).toList(),
                r.reviews().stream().map(ComplianceHtml::review).toList());
        Context context = new Context();
        context.setVariable("p", page);
        return ENGINE.process("reports/compliance", context);
    }

    private static Row row(ComplianceReport.Execution x, ProjectView.Policy policy, String baseUrl) {
        List<Approver> approvers = new ArrayList<>();
        for (JsonNode a : iterable(x.approvals())) {
            String checksum = a.path("checksum").asText();
            approvers.add(checksum.equals(x.checksum()) ? new Approver(a.path("approver").asText(), null, null)
                    : new Approver(a.path("approver").asText(), checksum,
                    checksum.length() > 16 ? checksum.substring(0, 12) + "…" : checksum));
        }
        int violationCount = x.violations() == null ? 0 : x.violations().size();
        List<Violation> violations = new ArrayList<>();
        for (JsonNode v : iterable(x.violations())) {
            violations.add(new Violation(v.path("code").asText(), v.path("message").asText()));
        }
        boolean counted = policy != null && policy.requiredApprovals() > 0;
        String id = x.receiptId();
        JsonNode authorization = x.authorization();
        JsonNode backup = x.backup();
        return new Row(x.environment(), x.version(), x.description(), x.status(),
                x.status().contains("FAILED") ? "failed" : "ok",
                violationCount == 0 ? null : violationCount + (violationCount == 1 ? " violation" : " violations"),
                x.author(), approvers, approvers.isEmpty(), policy != null && policy.requiredApprovals() == 0,
                counted ? approvers.size() + " of " + policy.requiredApprovals() + " required" : null,
                counted && approvers.size() < policy.requiredApprovals(), violations, x.executionId(), x.appliedBy(),
                x.tool(), time(x.finishedAt()), x.receiptUrl() == null ? null : baseUrl + x.receiptUrl(), id,
                id == null ? null : id.length() > 20 ? id.substring(0, 17) + "…" : id,
                authorization == null ? null : authorization.path("executionId").asText(),
                authorization == null ? null : authorization.path("authorizedBy").asText(),
                backup == null ? null : backup.path("backupId").asText(),
                backup == null ? null : backup.path("takenAt").asText(),
                backup == null ? null : backup.path("verifiedBy").asText(),
                backup != null && backup.path("restoreTested").asBoolean(), x.checksum(), x.plannedBy(),
                time(x.plannedAt()), x.gitSha(), x.pipelineUrl(),
                // a link keeps the row short; only a web address becomes one
                x.pipelineUrl() != null && x.pipelineUrl().matches("(?i)https?://\\S+"),
                x.error() == null || x.error().isBlank() ? null : x.error());
    }

    private static Drift drift(ComplianceReport.Finding f) {
        return new Drift(f.environment(), f.kind(), f.version(), f.detail(),
                StreamSupport.stream(iterable(f.objects()).spliterator(), false).map(JsonNode::asText).toList(),
                time(f.detectedAt()), f.detectedBy(), f.status(), time(f.resolvedAt()));
    }

    private static Review review(EmergencyReview v) {
        return new Review(v.environment(), v.version(), v.reviewId(), v.factActor(), v.violations(), time(v.dueAt()),
                v.state(), "overdue".equals(v.state()));
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

    private static String time(Instant at) {
        return at == null ? null : TIME.format(at);
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return array == null || !array.isArray() ? List.of() : array;
    }

    private static TemplateEngine engine() {
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver(ComplianceHtml.class.getClassLoader());
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setSuffix(".html");
        templates.setCharacterEncoding("UTF-8");
        templates.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(templates);
        return engine;
    }
}
