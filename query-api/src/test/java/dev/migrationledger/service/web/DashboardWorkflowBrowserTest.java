package dev.migrationledger.service.web;

import dev.migrationledger.ledger.testing.DashboardPage;
import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.service.LedgerIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard as a place to work, in headless Chromium: an approver reads the script and approves or revokes,
 * the author's own approval is refused in the page, an emergency change is reviewed, switching project or token
 * leaves nothing of the previous one, and the dashboard and the printable report fit 800 and 1400 px.
 */
class DashboardWorkflowBrowserTest extends LedgerIntegrationTest {

    static final String SCRIPT = "CREATE TABLE invoice (id bigint, customer_id bigint);\n"
            + "CREATE INDEX invoice_customer ON invoice (customer_id);\n";
    static final Map<String, Object> FINDING = Map.of("ruleId", "PG-INDEX-CONCURRENTLY", "severity", "WARNING",
            "line", 2, "message", "CREATE INDEX without CONCURRENTLY", "advice", "use CREATE INDEX CONCURRENTLY");
    /** A violation badge and an applied-with-violations cell: the red of app.css, never the applied green. */
    static final String RED = "198, 40, 40";

    @LocalServerPort
    int port;

    Api admin;
    DashboardPage page;

    @BeforeEach
    void browser() {
        assumeTrue(DashboardPage.chromiumInstalled(),
                "skipped: /usr/bin/chromium or /usr/bin/chromedriver is not installed (apt-get install chromium chromium-driver)");
        admin = Api.admin(port, currentHome);
        page = DashboardPage.chromium(base());
    }

    @AfterEach
    void close() {
        if (page != null) {
            page.close();
        }
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** dev (no approvals) and prod (two); version 1 by alice, planned by CI with its script; dev ran it ungated. */
    long billing(String project, Api ci) {
        admin.post("/api/v1/projects", Map.of("id", project, "environments", List.of(Map.of("name", "dev"),
                Map.of("name", "prod", "policy", Map.of("requiredApprovals", 2)))));
        ci.post("/api/v1/projects/" + project + "/migrations", Map.of("migrations", List.of(
                Map.of("version", "1", "description", "create invoice", "checksum", DriftScanApiTest.sha(SCRIPT),
                        "changeClass", "ADDITIVE", "author", "alice"),
                Map.of("version", "2", "description", "backfill customers", "checksum", DriftScanApiTest.sha("-- 2"),
                        "changeClass", "TRANSFORMATIVE", "author", "alice"))));
        assertThat(ci.put("/api/v1/projects/" + project + "/migrations/1/script",
                Map.of("text", SCRIPT, "findings", List.of(FINDING))).status()).isEqualTo(201);
        ci.post("/api/v1/projects/" + project + "/environments/dev/executions", Map.of("facts", List.of(
                LifecycleApiTest.fact("dev/1", "1", DriftScanApiTest.sha(SCRIPT), "APPLIED"),
                LifecycleApiTest.fact("dev/2", "2", DriftScanApiTest.sha("-- 2 edited"), "APPLIED"))));
        return ci.post("/api/v1/projects/" + project + "/environments/prod/authorizations",
                Map.of("executionId", "run-prod-1", "versions", List.of("1"))).body().path("lastIndex").asLong();
    }

    @Test
    void anApproverApprovesAndRevokesTheAuthorIsRefusedAndAReviewIsClosed() {
        Api ci = admin.as("ci-bot", "ci");
        Api bob = admin.as("bob", "approver");
        Api alice = admin.as("alice", "approver");
        billing("billing-db", ci);
        ci.post("/api/v1/projects/billing-db/environments/prod/executions", Map.of("facts", List.of(
                LifecycleApiTest.fact("hotfix-1", "9", DriftScanApiTest.sha("UPDATE invoice SET customer_id = 1;"),
                        "APPLIED"))));

        // a replan: the approver reads what changed since the text he may have seen before
        String before = "ALTER TABLE invoice ADD COLUMN note text;\n";
        String after = "ALTER TABLE invoice ADD COLUMN note text NOT NULL DEFAULT '';\n";
        for (String text : List.of(before, after)) {
            ci.post("/api/v1/projects/billing-db/migrations", Map.of("migrations", List.of(Map.of("version", "3",
                    "description", "invoice note", "checksum", DriftScanApiTest.sha(text), "changeClass", "ADDITIVE",
                    "author", "alice"))));
            assertThat(ci.put("/api/v1/projects/billing-db/migrations/3/script", Map.of("text", text, "findings", List.of()))
                    .status()).isEqualTo(201);
        }

        page.open().loginAs(bob.token(), "bob").selectProject("billing-db");
        assertThat(page.script("3", "prod")).contains("No lint findings.").contains("Changed since checksum")
                .contains("-ALTER TABLE invoice ADD COLUMN note text;")
                .contains("+ALTER TABLE invoice ADD COLUMN note text NOT NULL DEFAULT '';");
        assertThat(page.pendingText("1", "prod")).contains("create invoice").contains("author alice").contains("ADDITIVE")
                .contains("planned by ci-bot").contains("blocked by").contains("NO_APPROVAL");
        assertThat(page.approvals("1", "prod")).isEqualTo("0 of 2 approvals");
        assertThat(page.hasPendingItem("1", "dev")).as("dev requires no approval").isFalse();
        String script = page.script("1", "prod");
        assertThat(script).contains("CREATE INDEX invoice_customer ON invoice (customer_id);")
                .contains("PG-INDEX-CONCURRENTLY").contains("line 2").contains(DriftScanApiTest.sha(SCRIPT));

        page.approve("1", "prod").waitForApprovals("1", "prod", "1 of 2 approvals");
        JsonNode pending = bob.get("/api/v1/projects/billing-db/pending?environment=prod").body().path("pending");
        assertThat(pending.get(0).path("approvers").toString()).isEqualTo("[\"bob\"]");
        assertThat(page.pendingText("1", "prod")).contains("you approved this checksum");
        assertThat(page.script("1", "prod")).as("the unfolded script stays open across the re-render")
                .contains("PG-INDEX-CONCURRENTLY");
        page.revoke("1", "prod").waitForApprovals("1", "prod", "0 of 2 approvals");
        assertThat(bob.get("/api/v1/projects/billing-db/pending?environment=prod").body().path("pending").get(0)
                .path("approvals").asInt()).isZero();

        // the matrix: dev ran 1 ungated and 2 with another file — applied, in red, with the codes
        assertThat(page.cellStatus("1", "dev")).isEqualTo("applied");
        assertThat(page.cellText("2", "dev")).contains("CHECKSUM_MISMATCH");
        assertThat(page.cellText("1", "dev")).contains("UNAUTHORIZED");
        assertThat(page.style("#matrix tr[data-version='2'] td[data-environment='dev'] span.cell", "background-color"))
                .contains(RED);
        assertThat(page.cellText("1", "prod")).contains("pending").contains("0 of 2").contains("denied ×1");
        assertThat(page.property("#matrix tr[data-version='1'] td[data-environment='prod'] .denied", "title"))
                .contains("NO_APPROVAL");
        assertThat(page.migrationText("1"))
                .contains("create invoice").contains("by alice");

        assertThat(page.reviewText("hotfix-1")).contains("UNPLANNED").contains("ci-bot");
        page.closeReview("hotfix-1", "hotfix checked against OPS-9");
        page.until("the review closed", d -> !page.hasReview("hotfix-1"));
        JsonNode closed = bob.get("/api/v1/projects/billing-db/reviews?state=closed").body().path("reviews");
        assertThat(closed.findValuesAsText("reviewedBy")).containsExactly("bob");
        assertThat(closed.findValuesAsText("comment")).containsExactly("hotfix checked against OPS-9");

        // alice wrote version 1: the ledger refuses her approval, and the page says why
        page.loginAs(alice.token(), "alice").waitForProject("billing-db");
        page.approve("1", "prod");
        assertThat(page.problem("1", "prod")).contains("422").contains("SELF_APPROVAL");
        assertThat(page.approvals("1", "prod")).isEqualTo("0 of 2 approvals");
        page.screenshot("dashboard-approver");
    }

    @Test
    void switchingProjectLeavesNothingOfThePreviousOneAndAGoodTokenClearsAnOld401() {
        Api ci = admin.as("ci-bot-2", "ci");
        Api auditor = admin.as("audrey", "auditor");
        admin.post("/api/v1/projects", Map.of("id", "alpha", "environments", List.of(Map.of("name", "dev"))));
        admin.post("/api/v1/projects", Map.of("id", "beta", "environments", List.of(Map.of("name", "dev"))));
        ci.post("/api/v1/projects/alpha/migrations", Map.of("migrations", List.of(Map.of("version", "1",
                "description", "alpha table", "checksum", DriftScanApiTest.sha("-- a1"), "changeClass", "ADDITIVE"))));
        ci.post("/api/v1/projects/alpha/environments/dev/executions", Map.of("facts", List.of(
                LifecycleApiTest.fact("alpha/1", "1", DriftScanApiTest.sha("-- a1"), "APPLIED"))));
        ci.post("/api/v1/projects/alpha/environments/dev/drift-scans", Map.of("scanId", "scan-a", "history", List.of()));
        ci.post("/api/v1/projects/beta/migrations", Map.of("migrations", List.of(Map.of("version", "7",
                "description", "beta table", "checksum", DriftScanApiTest.sha("-- b7"), "changeClass", "ADDITIVE"))));

        page.open().login("mlt_not-a-token");
        page.until("the 401", d -> page.status().startsWith("401"));
        page.loginAs(auditor.token(), "audrey");
        assertThat(page.status()).doesNotContain("401");
        page.selectProject("alpha");
        page.until("alpha's drift finding", d -> page.text("drift-list").contains("MISSING_IN_DB"));
        page.until("alpha's report row", d -> page.text("report").contains("alpha/1"));
        page.openTimeline("1");
        assertThat(page.text("timeline")).contains("MigrationApplied");

        page.selectProject("beta");
        assertThat(page.browser().findElement(By.id("timeline-section")).isDisplayed()).isFalse();
        assertThat(page.text("drift-list")).isEqualTo("No open drift findings.");
        assertThat(page.text("report")).doesNotContain("alpha/1");
        assertThat(page.browser().findElements(By.cssSelector("#matrix tr[data-version='1']"))).isEmpty();
        assertThat(page.cellStatus("7", "dev")).isEqualTo("pending");
        assertThat(page.status()).doesNotContain("401");

        // written elsewhere while the page is open: the next automatic refresh shows it, without a click
        ci.post("/api/v1/projects/beta/migrations", Map.of("migrations", List.of(Map.of("version", "8",
                "description", "beta index", "checksum", DriftScanApiTest.sha("-- b8"), "changeClass", "ADDITIVE"))));
        page.until("version 8 after an automatic refresh",
                d -> !d.findElements(By.cssSelector("#matrix tr[data-version='8']")).isEmpty());

        // a token the service rejects shows nothing an earlier token read
        page.login("mlt_revoked-or-mistyped");
        page.until("the 401", d -> page.status().startsWith("401"));
        assertThat(page.browser().findElements(By.cssSelector("#matrix tr"))).isEmpty();
        assertThat(page.text("whoami")).isEmpty();
    }

    @Test
    void theDashboardAndThePrintableReportFitAt800And1400Pixels() throws IOException, InterruptedException {
        Api ci = admin.as("ci-bot-3", "ci");
        Api bob = admin.as("bob-3", "approver");
        Api carol = admin.as("carol-3", "approver");
        Api auditor = admin.as("audrey-3", "auditor");
        String project = "layout-db";
        admin.post("/api/v1/projects", Map.of("id", project, "environments", List.of(Map.of("name", "staging"),
                Map.of("name", "production", "policy", Map.of("requiredApprovals", 2, "backupRequiredFor",
                        List.of("DESTRUCTIVE"), "promoteFrom", "staging")))));
        List<Map<String, Object>> plan = new java.util.ArrayList<>();
        for (int v = 1; v <= 4; v++) {
            plan.add(Map.of("version", String.valueOf(v), "description", "add customer billing address columns " + v,
                    "checksum", DriftScanApiTest.sha("-- layout " + v), "changeClass", v == 4 ? "DESTRUCTIVE" : "ADDITIVE",
                    "author", "alice.longname@example.com"));
        }
        ci.post("/api/v1/projects/" + project + "/migrations", Map.of("migrations", plan));
        for (int v = 1; v <= 3; v++) {
            bob.post("/api/v1/projects/" + project + "/migrations/" + v + "/approvals",
                    Map.of("checksum", DriftScanApiTest.sha("-- layout " + v)));
            carol.post("/api/v1/projects/" + project + "/migrations/" + v + "/approvals",
                    Map.of("checksum", DriftScanApiTest.sha("-- layout " + v)));
        }
        for (String env : List.of("staging", "production")) {
            ci.post("/api/v1/projects/" + project + "/environments/" + env + "/authorizations",
                    Map.of("executionId", "pipeline-981-" + env, "versions", List.of("1", "2", "3")));
            List<Map<String, Object>> facts = new java.util.ArrayList<>();
            for (int v = 1; v <= 3; v++) {
                Map<String, Object> fact = new HashMap<>(LifecycleApiTest.fact("pipeline-981-" + env + "/" + v,
                        String.valueOf(v), DriftScanApiTest.sha("-- layout " + v), v == 3 && env.equals("production")
                                ? "FAILED" : "APPLIED"));
                fact.put("pipelineUrl", "https://ci.example.com/acme/billing/-/pipelines/981234/jobs/5551212");
                facts.add(fact);
            }
            ci.post("/api/v1/projects/" + project + "/environments/" + env + "/executions", Map.of("facts", facts));
        }
        ci.post("/api/v1/projects/" + project + "/environments/production/executions", Map.of("facts", List.of(
                LifecycleApiTest.fact("hotfix-night", "5", DriftScanApiTest.sha("-- hotfix"), "APPLIED"))));
        long last = ci.post("/api/v1/projects/" + project + "/environments/production/drift-scans",
                Map.of("scanId", "scan-layout", "history", List.of())).body().path("lastIndex").asLong();

        page.open().loginAs(auditor.token(), "audrey-3").selectProject(project);
        page.until("the report", d -> page.text("report").contains("pipeline-981-production/3"));
        for (int width : List.of(800, 1400)) {
            page.width(width);
            page.screenshot("dashboard-" + width);
            assertFits(page.layout(), "dashboard", width);
        }
        String reportRow = page.text("report");
        assertThat(reportRow).contains("alice.longname@example.com").contains("2 of 2 required");
        assertThat(page.property("#report a", "href")).startsWith(base() + "/api/v1/receipts/rcpt-");

        Api.Response html = auditor.get("/api/v1/reports/compliance?format=html&project=" + project + "&minIndex=" + last);
        assertThat(html.status()).isEqualTo(200);
        Path saved = Path.of("target", "compliance-report.html").toAbsolutePath();
        Files.createDirectories(saved.getParent());
        Files.writeString(saved, html.raw().body());
        page.browser().get(saved.toUri().toString());
        List<WebElement> links = page.browser().findElements(By.cssSelector("a[href*='/receipts/']"));
        assertThat(links).as("a receipt link per witnessed execution").hasSize(7);
        links.forEach(link -> assertThat(link.getAttribute("href"))
                .as("a saved report's receipt links reach the service").startsWith(base() + "/api/v1/receipts/rcpt-"));
        String text = page.browser().findElement(By.tagName("body")).getText();
        assertThat(text).contains("alice.longname@example.com").contains("production: 2 approvals, backup before DESTRUCTIVE, "
                + "promoted from staging").contains("2 of 2 required").contains("hotfix-night")
                .contains(DriftScanApiTest.sha("-- layout 1"));
        for (int width : List.of(800, 1400)) {
            page.width(width);
            page.screenshot("compliance-report-" + width);
            assertFits(page.layout(), "compliance report", width);
        }
    }

    static void assertFits(DashboardPage.Layout layout, String what, int width) {
        assertThat(layout.innerWidth()).as("viewport").isEqualTo(width);
        assertThat(layout.scrollWidth()).as(what + " at " + width + " px overflows horizontally")
                .isLessThanOrEqualTo(layout.innerWidth());
        assertThat(layout.tallestInLines()).as(what + " at " + width + " px: a cell " + layout.tallestCell()
                + " px tall (line " + layout.lineHeight() + " px): " + layout.tallestText()).isLessThanOrEqualTo(3.2);
    }

    @Test
    void theDashboardLoadsNothingFromTheNetwork() throws IOException, InterruptedException {
        Api auditor = admin.as("audrey-4", "auditor");
        HttpClient http = HttpClient.newHttpClient();
        // a URL with a host in it: scheme-relative or absolute, in markup, CSS url() or script
        Pattern external = Pattern.compile("(?i:(https?:)?//[a-z0-9-]+(\\.[a-z0-9-]+)+)|@import|\\burl\\(");
        Path dashboard = Path.of(java.util.Objects.requireNonNull(getClass().getResource("/static/dashboard")).getPath());
        List<String> assets = new java.util.ArrayList<>(List.of("/"));
        try (var files = Files.list(dashboard)) {
            files.map(f -> "/dashboard/" + f.getFileName()).sorted().forEach(assets::add);
        }
        assertThat(assets).contains("/dashboard/app.js", "/dashboard/app.css", "/dashboard/work.js");
        for (String asset : assets) {
            HttpResponse<String> served = http.send(HttpRequest.newBuilder(URI.create(base() + asset)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(external.matcher(served.body()).results().map(m -> m.group()).toList())
                    .as(asset + " names no other host").isEmpty();
        }
        page.open().loginAs(auditor.token(), "audrey-4");
        assertThat(page.loadedResources()).as("every module of the page was loaded").contains(base() + "/dashboard/work.js");
        assertThat(page.loadedResources()).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(base() + "/"));
    }
}
