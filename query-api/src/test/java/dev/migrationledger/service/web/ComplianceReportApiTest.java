package dev.migrationledger.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.service.LedgerIntegrationTest;
import dev.migrationledger.service.receipts.ReceiptIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The compliance report in its three formats, built from the compliance read model. */
class ComplianceReportApiTest extends LedgerIntegrationTest {

    @LocalServerPort
    int port;

    Api admin;
    Api ci;
    Api bob;
    Api auditor;
    long lastIndex;

    static final String V1 = DriftScanApiTest.sha("CREATE TABLE invoice (id bigint);");
    static final String V2 = DriftScanApiTest.sha("ALTER TABLE invoice DROP COLUMN legacy;");
    static final String V3 = DriftScanApiTest.sha("UPDATE invoice SET x = 1;");
    static final String EVIL = "<script>alert('x')</script>, \"quoted\"";

    @BeforeEach
    void ledger() {
        admin = Api.admin(port, currentHome);
        if (ci != null) {
            return;
        }
        ci = admin.as("ci-bot", "ci");
        bob = admin.as("bob", "approver");
        auditor = admin.as("audrey", "auditor");
        admin.post("/api/v1/projects", Map.of("id", "billing-db", "environments", List.of(Map.of("name", "dev"),
                Map.of("name", "prod", "policy", Map.of("requiredApprovals", 1, "backupRequiredFor", List.of("DESTRUCTIVE"))))));
        ci.post("/api/v1/projects/billing-db/migrations", Map.of("migrations", List.of(
                Map.of("version", "1", "description", EVIL, "checksum", V1, "changeClass", "ADDITIVE", "author", "alice"),
                Map.of("version", "2", "description", "drop legacy", "checksum", V2, "changeClass", "DESTRUCTIVE",
                        "author", "alice"))));
        bob.post("/api/v1/projects/billing-db/migrations/1/approvals", Map.of("checksum", V1));
        bob.post("/api/v1/projects/billing-db/migrations/2/approvals", Map.of("checksum", V2));
        bob.post("/api/v1/projects/billing-db/environments/prod/backups", Map.of("backupId", "b-1",
                "location", "s3://backups/b-1", "takenAt", "2026-05-01T09:00:00Z", "restoreTested", true));
        Api.Response auth = ci.post("/api/v1/projects/billing-db/environments/prod/authorizations",
                Map.of("executionId", "run-1", "versions", List.of("1", "2")));
        assertThat(auth.body().path("authorized").toString()).isEqualTo("[\"1\",\"2\"]");
        ci.post("/api/v1/projects/billing-db/environments/prod/executions", Map.of("facts", List.of(
                LifecycleApiTest.fact("run-1/1", "1", V1, "APPLIED"), LifecycleApiTest.fact("run-1/2", "2", V2, "FAILED"))));
        ci.post("/api/v1/projects/billing-db/environments/prod/executions", Map.of("facts", List.of(
                LifecycleApiTest.fact("hotfix-1", "3", V3, "APPLIED"))));
        Api.Response scan = ci.post("/api/v1/projects/billing-db/environments/prod/drift-scans", Map.of("scanId", "scan-1",
                "history", List.of(Map.of("version", "1", "success", true))));
        assertThat(scan.body().path("findings").findValuesAsText("kind")).containsExactly("MISSING_IN_DB");
        lastIndex = scan.body().path("lastIndex").asLong();
    }

    Api.Response report(String query) {
        return auditor.get("/api/v1/reports/compliance?project=billing-db&minIndex=" + lastIndex + query);
    }

    @Test
    void theJsonReportHasThePaperTrailOfEveryExecutionAndTheTotals() {
        Api.Response response = report("&environment=prod&from=2026-05-01T00:00:00Z&to=2026-05-02T00:00:00Z");
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        JsonNode r = response.body();
        assertThat(r.path("totals").path("applied").asInt()).isEqualTo(2);
        assertThat(r.path("totals").path("failed").asInt()).isEqualTo(1);
        assertThat(r.path("totals").path("withViolations").asInt()).isEqualTo(1);

        JsonNode first = r.path("executions").get(0);
        assertThat(first.path("version").asText()).isEqualTo("1");
        assertThat(first.path("description").asText()).isEqualTo(EVIL);
        assertThat(first.path("plannedBy").asText()).isEqualTo("ci-bot");
        assertThat(first.path("author").asText()).as("separation of duties is about the author").isEqualTo("alice");
        assertThat(first.path("approvals").get(0).path("approver").asText()).isEqualTo("bob");
        assertThat(first.path("approvals").get(0).path("checksum").asText()).isEqualTo(V1);
        assertThat(first.path("backup").path("backupId").asText()).isEqualTo("b-1");
        assertThat(first.path("authorization").path("executionId").asText()).isEqualTo("run-1");
        assertThat(first.path("appliedBy").asText()).isEqualTo("ci-bot");
        assertThat(first.path("gitSha").asText()).isEqualTo("4f2a9c1");
        assertThat(first.path("pipelineUrl").asText()).isEqualTo("https://ci.example/runs/981");
        assertThat(first.path("receiptUrl").asText())
                .isEqualTo("/api/v1/receipts/" + ReceiptIds.forFact("billing-db", "run-1/1"));
        JsonNode hotfix = r.path("executions").get(2);
        assertThat(hotfix.path("violations").findValuesAsText("code")).contains("UNPLANNED", "UNAUTHORIZED");

        // the scan ran now, so its finding belongs to a period that reaches today
        JsonNode allTime = report("&environment=prod").body();
        assertThat(allTime.path("totals").path("driftFindings").asInt()).isEqualTo(1);
        assertThat(allTime.path("drift").get(0).path("kind").asText()).isEqualTo("MISSING_IN_DB");
        assertThat(allTime.path("drift").get(0).path("status").asText()).isEqualTo("OPEN");

        JsonNode outside = report("&from=2126-01-01T00:00:00Z").body();
        assertThat(outside.path("executions")).isEmpty();
        assertThat(outside.path("totals").path("driftFindings").asInt()).isEqualTo(1); // still open, so open in any later period
    }

    @Test
    void executionsAreInLedgerOrderNotInTheOrderTheyFinished() {
        admin.post("/api/v1/projects", Map.of("id", "ordering-db", "environments", List.of(Map.of("name", "dev"))));
        Map<String, Object> late = new java.util.HashMap<>(LifecycleApiTest.fact("dev-late", "1", V1, "APPLIED"));
        late.put("startedAt", "2026-04-30T09:00:00Z");
        late.put("finishedAt", "2026-04-30T09:00:01Z");
        String path = "/api/v1/projects/ordering-db/environments/dev/executions";
        ci.post(path, Map.of("facts", List.of(LifecycleApiTest.fact("dev-first", "2", V2, "APPLIED"))));
        long index = ci.post(path, Map.of("facts", List.of(late))).body().path("lastIndex").asLong();

        JsonNode report = auditor.get("/api/v1/reports/compliance?project=ordering-db&environment=dev&minIndex=" + index)
                .body();

        assertThat(report.path("executions").findValuesAsText("executionId")).containsExactly("dev-first", "dev-late");
    }

    @Test
    void theCsvReportHasOneQuotedRowPerExecution() {
        Api.Response csv = report("&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String body = csv.raw().body();
        String[] lines = body.split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("project,environment,version,description,status,execution_id");
        assertThat(lines[1]).contains(",\"<script>alert('x')</script>, \"\"quoted\"\"\",APPLIED,run-1/1,");
        assertThat(lines[3]).contains("UNPLANNED; UNAUTHORIZED");
        assertThat(lines[0]).contains(",planned_by,planned_at,author,approvals,");
        assertThat(lines[1]).contains(",ci-bot,").contains(",alice,bob at ");
    }

    @Test
    void theHtmlReportEscapesEveryValueAndMarksViolations() {
        Api.Response html = report("&format=html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Type")).startsWith("text/html");
        String body = html.raw().body();
        assertThat(body).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(body).contains("class=\"badge violation\"").contains(">UNAUTHORIZED<").contains("@media print");
        // absolute: the link still works in a saved copy of the page
        assertThat(body).contains("href=\"http://127.0.0.1:" + port + "/api/v1/receipts/"
                + ReceiptIds.forFact("billing-db", "run-1/1") + "\"");
        assertThat(body).contains("<td>alice</td>").contains("<b>prod</b>: 1 approval, backup before DESTRUCTIVE")
                .contains("1 of 1 required").contains("<code class=\"hash\" title=\"" + V1 + "\">" + V1 + "</code>");
    }

    @Test
    void aBadFormatOrProjectIsAProblem() {
        Api.Response bad = report("&format=pdf");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.reasonCodes()).containsExactly("INVALID_INPUT");
        assertThat(auditor.get("/api/v1/reports/compliance?project=nope").status()).isEqualTo(404);
        assertThat(auditor.get("/api/v1/reports/compliance").status()).isEqualTo(400);
        assertThat(Api.anonymous(port).get("/api/v1/reports/compliance?project=billing-db").status()).isEqualTo(401);
    }
}
