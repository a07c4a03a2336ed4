package dev.migrationledger.ledger.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.pagefactory.ByChained;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The dashboard as a person uses it, for browser tests: needs only Selenium and the service's base URL, so any
 * module's test can drive it. {@link #chromium()} starts Debian's headless Chromium and never lets Selenium
 * download a browser or driver. Every wait names what the page showed instead when it gives up.
 */
public final class DashboardPage implements AutoCloseable {

    public static final File CHROMIUM = new File("/usr/bin/chromium");
    public static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    /** What a layout measures: widths in CSS pixels and the tallest table cell. */
    public record Layout(long scrollWidth, long innerWidth, double tallestCell, double lineHeight, String tallestText) {

        public double tallestInLines() {
            return tallestCell / lineHeight;
        }
    }

    private final WebDriver browser;
    private final String baseUrl;
    private final Path profile;
    private final WebDriverWait wait;

    private DashboardPage(WebDriver browser, String baseUrl, Path profile) {
        this.browser = browser;
        this.baseUrl = baseUrl;
        this.profile = profile;
        // the page re-renders on every refresh: an element found a moment ago may be gone
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    public static boolean chromiumInstalled() {
        return CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
    }

    /** A fresh headless Chromium (its own profile, no background network) on {@code baseUrl}. */
    public static DashboardPage chromium(String baseUrl) {
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.getPath());
        try {
            Path profile = Files.createTempDirectory("ledger-chromium");
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--hide-scrollbars", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                    .usingAnyFreePort().build();
            DashboardPage page = new DashboardPage(new ChromeDriver(service, options), baseUrl, profile);
            page.width(1280);
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver browser() {
        return browser;
    }

    public DashboardPage open() {
        browser.get(baseUrl + "/");
        return this;
    }

    /** Sets the viewport (not the window) to {@code width} CSS pixels, so measurements mean that width. */
    public DashboardPage width(int width) {
        browser.manage().window().setSize(new Dimension(width, 1000));
        long inner = ((Number) js("return window.innerWidth")).longValue();
        browser.manage().window().setSize(new Dimension((int) (2 * width - inner), 1000));
        return this;
    }

    public DashboardPage login(String token) {
        WebElement field = browser.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.id("save-token")).click();
        return this;
    }

    /** Logs in and waits until the page knows whom the token acts for. */
    public DashboardPage loginAs(String token, String principal) {
        login(token);
        until("signed in as " + principal, d -> d.findElement(By.id("whoami")).getText().startsWith(principal + " ("));
        return this;
    }

    public DashboardPage selectProject(String project) {
        until("project " + project + " in the picker", d -> !d.findElements(
                By.cssSelector("#project option[value='" + project + "']")).isEmpty());
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("project"))).selectByValue(project);
        return waitForProject(project);
    }

    /** Waits until the page has rendered {@code project} (its status line names it with an index). */
    public DashboardPage waitForProject(String project) {
        until(project + " loaded", d -> status().startsWith(project + " at index "));
        return this;
    }

    public String status() {
        return textOf(By.id("status"));
    }

    public String text(String id) {
        return textOf(By.id(id));
    }

    /** The element's text, found again if a refresh replaced it between finding and reading. */
    public String textOf(By element) {
        for (int attempt = 1; ; attempt++) {
            try {
                return browser.findElement(element).getText();
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** A computed style of the first element matching {@code css}, read in one step (no stale element). */
    public String style(String css, String property) {
        return (String) js("return getComputedStyle(document.querySelector(arguments[0])).getPropertyValue(arguments[1])",
                css, property);
    }

    /** An attribute (or property, like an absolute {@code href}) of the first element matching {@code css}. */
    public String property(String css, String name) {
        return String.valueOf(js("return document.querySelector(arguments[0])[arguments[1]]", css, name));
    }

    public String pendingText(String version, String environment) {
        pendingItem(version, environment);
        return textOf(pendingSelector(version, environment));
    }

    public String cellText(String version, String environment) {
        return textOf(cellSelector(version, environment));
    }

    /** The matrix's row head of a version: the version, its description and author. */
    public String migrationText(String version) {
        return textOf(By.cssSelector("#matrix tr[data-version='" + version + "'] th"));
    }

    public String reviewText(String reviewId) {
        review(reviewId);
        return textOf(reviewSelector(reviewId));
    }

    public WebElement pendingItem(String version, String environment) {
        By item = pendingSelector(version, environment);
        until("pending item " + version + " → " + environment, d -> !d.findElements(item).isEmpty());
        return browser.findElement(item);
    }

    public boolean hasPendingItem(String version, String environment) {
        return !browser.findElements(pendingSelector(version, environment)).isEmpty();
    }

    /** Unfolds the item's script and returns the script section's text once the script is shown. */
    public String script(String version, String environment) {
        until("the script of " + version + " unfolded", d -> {
            WebElement details = pendingItem(version, environment).findElement(By.cssSelector("details.script"));
            if (details.getAttribute("open") == null) {
                details.findElement(By.tagName("summary")).click();
            }
            return true;
        });
        until("script of " + version, d -> !pendingItem(version, environment)
                .findElements(By.cssSelector("details.script pre, details.script .hint, details.script .problem")).isEmpty());
        return textOf(new ByChained(pendingSelector(version, environment), By.cssSelector("details.script")));
    }

    public String approvals(String version, String environment) {
        return textOf(new ByChained(pendingSelector(version, environment), By.cssSelector(".approvals")));
    }

    public DashboardPage approve(String version, String environment) {
        return clickIn(pendingSelector(version, environment), By.cssSelector("button.approve"));
    }

    public DashboardPage revoke(String version, String environment) {
        return clickIn(pendingSelector(version, environment), By.cssSelector("button.revoke"));
    }

    private DashboardPage clickIn(By container, By button) {
        until("a button " + button + " in " + container, d -> {
            d.findElement(container).findElement(button).click();
            return true;
        });
        return this;
    }

    /** Waits until the item's approval count reads {@code expected} (e.g. "1 of 2 approvals"). */
    public DashboardPage waitForApprovals(String version, String environment, String expected) {
        until(version + " → " + environment + " showing " + expected, d -> approvals(version, environment).equals(expected));
        return this;
    }

    /** Waits for the refusal shown beside the item and returns it. */
    public String problem(String version, String environment) {
        By problem = By.cssSelector(".problem");
        until("a problem shown beside " + version + " → " + environment,
                d -> !pendingItem(version, environment).findElements(problem).isEmpty());
        return textOf(new ByChained(pendingSelector(version, environment), problem));
    }

    public WebElement review(String reviewId) {
        By item = reviewSelector(reviewId);
        until("review " + reviewId, d -> !d.findElements(item).isEmpty());
        return browser.findElement(item);
    }

    public DashboardPage closeReview(String reviewId, String comment) {
        review(reviewId).findElement(By.tagName("input")).sendKeys(comment);
        return clickIn(reviewSelector(reviewId), By.cssSelector("button.review"));
    }

    public boolean hasReview(String reviewId) {
        return !browser.findElements(reviewSelector(reviewId)).isEmpty();
    }

    public String cellStatus(String version, String environment) {
        return textOf(new ByChained(cellSelector(version, environment), By.cssSelector("span.cell")));
    }

    public DashboardPage openTimeline(String version) {
        browser.findElement(By.cssSelector("#matrix tr[data-version='" + version + "'] a.version")).click();
        until("timeline of " + version, d -> d.findElement(By.id("timeline-version")).getText().equals(version)
                && !d.findElements(By.cssSelector("#timeline li")).isEmpty());
        return this;
    }

    /** Every table cell of the page measured, with the page's scroll width against the viewport. */
    public Layout layout() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) js("""
                const cells = [...document.querySelectorAll('td, th')].filter((c) => c.offsetParent !== null);
                let tallest = 0, text = '', line = 1, most = 0;
                cells.forEach((c) => {
                  const style = getComputedStyle(c);
                  const lh = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
                  // the content's own box: a cell is as tall as its row, the content only as tall as itself
                  const range = document.createRange();
                  range.selectNodeContents(c);
                  const h = range.getBoundingClientRect().height;
                  if (h / lh > most) { most = h / lh; tallest = h; line = lh; text = c.innerText; }
                });
                return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
                        tallest: tallest, line: line, text: text};""");
        return new Layout(((Number) m.get("scrollWidth")).longValue(), ((Number) m.get("innerWidth")).longValue(),
                ((Number) m.get("tallest")).doubleValue(), ((Number) m.get("line")).doubleValue(), (String) m.get("text"));
    }

    /** The URLs of every resource the page loaded (scripts, styles, fetches). */
    @SuppressWarnings("unchecked")
    public List<String> loadedResources() {
        return (List<String>) js("return performance.getEntriesByType('resource').map((e) => e.name)");
    }

    public Path screenshot(String name) {
        try {
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Path target = Path.of("target", name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Waits for {@code condition}; on timeout saves a screenshot and says what the status line showed. */
    public void until(String what, ExpectedCondition<Boolean> condition) {
        try {
            wait.until(condition);
        } catch (TimeoutException e) {
            screenshot("dashboard-timeout");
            throw new AssertionError("the dashboard never showed " + what + "; its status line says: " + status(), e);
        }
    }

    @Override
    public void close() {
        browser.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }

    private static By cellSelector(String version, String environment) {
        return By.cssSelector("#matrix tr[data-version='" + version + "'] td[data-environment='" + environment + "']");
    }

    private static By reviewSelector(String reviewId) {
        return By.cssSelector("#review-list li[data-review-id='" + reviewId + "']");
    }

    private static By pendingSelector(String version, String environment) {
        return By.cssSelector("#pending-list li[data-version='" + version + "'][data-environment='" + environment + "']");
    }
}
