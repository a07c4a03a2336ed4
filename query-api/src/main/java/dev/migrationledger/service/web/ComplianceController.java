package dev.migrationledger.service.web;

import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.service.projection.compliance.ComplianceProjection;
import dev.migrationledger.service.projection.compliance.ComplianceReport;
import dev.migrationledger.service.projection.compliance.ComplianceReportQuery;
import dev.migrationledger.service.projection.environmentstate.EnvironmentStateQuery;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.migrationledger.service.projection.environmentstate.ProjectView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import dev.migrationledger.ledger.api.EmergencyReview;
import dev.migrationledger.ledger.api.ListReviews;
import org.axonframework.commandhandling.gateway.CommandGateway;

@RestController
public class ComplianceController {

    /** The report reads the compliance tables and checks the project against the state tables. */
    private static final List<String> GROUPS = List.of(ComplianceProjection.GROUP,
            dev.migrationledger.service.projection.environmentstate.EnvironmentStateProjection.GROUP);

    private final ComplianceReportQuery reports;
    private final EnvironmentStateQuery projects;
    private final ReadYourWrites reads;
    private final CommandGateway commands;

    ComplianceController(ComplianceReportQuery reports, EnvironmentStateQuery projects, ReadYourWrites reads,
                         CommandGateway commands) {
        this.reports = reports;
        this.projects = projects;
        this.reads = reads;
        this.commands = commands;
    }

    @Operation(summary = "Every execution in a period (by finishedAt) with who planned, approved, backed up, authorized "
            + "and applied it, violations, drift findings and receipt links; format json (default), csv or html")
    @GetMapping("/api/v1/reports/compliance")
    public ResponseEntity<?> compliance(@RequestParam(required = false) String project,
                                        @RequestParam(required = false) String environment,
                                        @RequestParam(required = false) String from,
                                        @RequestParam(required = false) String to,
                                        @RequestParam(required = false, defaultValue = "json") String format,
                                        @RequestParam(required = false) Long minIndex) {
        if (!List.of("json", "csv", "html").contains(format)) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason("format is json, csv or html", "format"));
        }
        if (project == null || project.isBlank()) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason("project names a project", "project"));
        }
        Instant start = instant(from, "from");
        Instant end = instant(to, "to");
        if (start != null && end != null && !start.isBefore(end)) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason("from is before to", "from"));
        }
        List<ProjectView.Environment> policies = new ArrayList<>();
        ResponseEntity<ComplianceReport> answer = reads.answer(GROUPS, minIndex, () -> {
            // checked after the wait: a project registered just before minIndex must be found
            ProjectView view = environment == null ? projects.project(project) : projects.environment(project, environment);
            policies.clear();
            view.environments().stream().filter(e -> environment == null || e.name().equals(environment))
                    .forEach(policies::add);
            return reports.report(project, environment, start, end);
        });
        // reviews are judged by the aggregate's rules (EmergencyReviews), the same that close them
        List<EmergencyReview> open = commands.sendAndWait(new ListReviews(project, "open", null, environment));
        ComplianceReport report = answer.getBody().withReviews(open);
        answer = ResponseEntity.ok().headers(answer.getHeaders()).body(report);
        String name = "compliance-" + project + (environment == null ? "" : "-" + environment);
        return switch (format) {
            case "csv" -> ResponseEntity.ok().headers(answer.getHeaders())
                    .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
                    .body(ComplianceCsv.render(report, reviewsByFact(project)));
            case "html" -> ResponseEntity.ok().headers(answer.getHeaders())
                    .contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                    .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                    // absolute receipt links: a saved or mailed report still reaches its receipts
                    .body(ComplianceHtml.render(report, policies,
                            ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()));
            default -> answer;
        };
    }

    /** Every review of the project, closed ones included: the CSV row of each emergency change shows its own. */
    private java.util.Map<String, EmergencyReview> reviewsByFact(String project) {
        List<EmergencyReview> all = commands.sendAndWait(new ListReviews(project, null, null));
        return all.stream().collect(java.util.stream.Collectors.toMap(EmergencyReview::reviewId, r -> r));
    }

    private static Instant instant(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason(
                    field + " is an RFC 3339 time such as 2026-05-01T00:00:00Z", field));
        }
    }
}
