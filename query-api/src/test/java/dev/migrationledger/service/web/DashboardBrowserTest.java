package dev.migrationledger.service.web;

import dev.migrationledger.ledger.testing.DashboardPage;
import dev.migrationledger.service.LedgerIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser (Debian's headless Chromium): token, project, the status matrix,
 * the open drift finding and the compliance report, all through the public API. Skips where
 * Chromium or its driver is not installed; Selenium must never download a browser or driver.
 */
class DashboardBrowserTest extends LedgerIntegrationTest {

    @LocalServerPort
    int port;

    DashboardPage page;

    @BeforeEach
    void browser() {
        assumeTrue(DashboardPage.chromiumInstalled(),
                "skipped: /usr/bin/chromium or /usr/bin/chromedriver is not installed (apt-get install chromium chromium-driver)");
        page = DashboardPage.chromium("http://127.0.0.1:" + port);
    }

    @AfterEach
    void close() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void theDashboardShowsTheMatrixTheDriftFindingAndTheReport() {
        Api admin = Api.admin(port, currentHome);
        Api ci = admin.as("ci-bot", "ci");
        Api auditor = admin.as("audrey", "auditor");
        admin.post("/api/v1/projects", Map.of("id", "billing-db", "environments",
                List.of(Map.of("name", "dev"), Map.of("name", "prod"))));
        String v1 = DriftScanApiTest.sha("-- 1"), v2 = DriftScanApiTest.sha("-- 2"), v3 = DriftScanApiTest.sha("-- 3");
        ci.post("/api/v1/projects/billing-db/migrations", Map.of("migrations", List.of(
                Map.of("version", "1", "description", "create invoice", "checksum", v1, "changeClass", "ADDITIVE"),
                Map.of("version", "2", "description", "<b>add note</b>", "checksum", v2, "changeClass", "ADDITIVE"),
                Map.of("version", "3", "description", "backfill", "checksum", v3, "changeClass", "TRANSFORMATIVE"))));
        ci.post("/api/v1/projects/billing-db/environments/dev/executions", Map.of("facts", List.of(
                LifecycleApiTest.fact("dev/1", "1", v1, "APPLIED"), LifecycleApiTest.fact("dev/2", "2", v2, "APPLIED"),
                LifecycleApiTest.fact("dev/3", "3", v3, "FAILED"))));
        ci.post("/api/v1/projects/billing-db/environments/prod/executions", Map.of("facts", List.of(
                LifecycleApiTest.fact("prod/1", "1", v1, "APPLIED"))));
        Api.Response scan = ci.post("/api/v1/projects/billing-db/environments/prod/drift-scans",
                Map.of("scanId", "scan-1", "history", List.of()));
        assertThat(scan.body().path("findings").findValuesAsText("kind")).containsExactly("MISSING_IN_DB");
        long lastIndex = scan.body().path("lastIndex").asLong();
        // the page reads the projections: wait until they hold the last write
        assertThat(auditor.get("/api/v1/projects/billing-db/environments/prod/state?minIndex=" + lastIndex)
                .header("Ledger-Stale")).isNull();
        assertThat(auditor.get("/api/v1/reports/compliance?project=billing-db&minIndex=" + lastIndex)
                .header("Ledger-Stale")).isNull();

        page.open().loginAs(auditor.token(), "audrey").waitForProject("billing-db");
        page.until("the report", d -> page.text("report-totals").contains("Applied: 3"));

        assertThat(page.cellStatus("1", "dev")).isEqualTo("applied");
        assertThat(page.cellStatus("3", "dev")).isEqualTo("failed");
        assertThat(page.cellStatus("1", "prod")).isEqualTo("drift");
        assertThat(page.cellStatus("2", "prod")).isEqualTo("pending");
        assertThat(page.text("drift-list")).contains("MISSING_IN_DB").contains("prod · 1");
        assertThat(page.text("report-totals"))
                .isEqualTo("Applied: 3 · Failed: 1 · With violations: 4 · Drift findings: 1");
        assertThat(page.text("report")).contains("UNAUTHORIZED").contains("dev/3");
        assertThat(page.migrationText("2"))
                .as("a description is text, never markup").contains("<b>add note</b>");

        page.openTimeline("2");
        assertThat(page.text("timeline")).contains("MigrationPlanned").contains("MigrationApplied");
        page.screenshot("dashboard");
    }
}
