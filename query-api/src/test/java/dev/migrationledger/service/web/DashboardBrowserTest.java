package dev.migrationledger.service.web;

import dev.migrationledger.service.LedgerIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    @LocalServerPort
    int port;

    WebDriver browser;
    Path profile;

    @BeforeEach
    void browser() throws IOException {
        assumeTrue(CHROMIUM.canExecute(), "skipped: /usr/bin/chromium is not installed (apt-get install chromium)");
        assumeTrue(CHROMEDRIVER.canExecute(),
                "skipped: /usr/bin/chromedriver is not installed (apt-get install chromium-driver)");
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.getPath());
        profile = Files.createTempDirectory("ledger-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 1400));
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theDashboardShowsTheMatrixTheDriftFindingAndTheReport() throws IOException {
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

        browser.get("http://127.0.0.1:" + port + "/");
        browser.findElement(By.id("token")).sendKeys(auditor.token());
        browser.findElement(By.id("save-token")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-totals"), "Applied: 3"));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot();
            throw new AssertionError("the dashboard did not load; its status line says: "
                    + browser.findElement(By.id("status")).getText(), e);
        }

        assertThat(cell("1", "dev")).isEqualTo("applied");
        assertThat(cell("3", "dev")).isEqualTo("failed");
        assertThat(cell("1", "prod")).isEqualTo("drift");
        assertThat(cell("2", "prod")).isEqualTo("pending");
        WebElement drift = browser.findElement(By.id("drift-list"));
        assertThat(drift.getText()).contains("MISSING_IN_DB").contains("prod · 1");
        assertThat(browser.findElement(By.id("report-totals")).getText())
                .isEqualTo("Applied: 3 · Failed: 1 · With violations: 4 · Drift findings: 1");
        assertThat(browser.findElement(By.id("report")).getText()).contains("UNAUTHORIZED").contains("dev/3");

        browser.findElement(By.cssSelector("#matrix tr[data-version='2'] th")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "MigrationApplied"));
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("MigrationPlanned");

        screenshot();
    }

    private void screenshot() throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "dashboard.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private String cell(String version, String environment) {
        return browser.findElement(By.cssSelector("#matrix tr[data-version='" + version + "'] td[data-environment='"
                + environment + "'] span")).getText();
    }
}
