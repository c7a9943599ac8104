package org.refugio.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A test that uses the web app as a person would: Debian's Chromium, headless, driven by Selenium, on the running
 * service and the test database of {@link ApiTest}, signing in as the {@link TestWebUsers}. Every page opened
 * through {@link #open} or reached through {@link #submit}/{@link #follow} is checked with axe-core (WCAG 2.2 A and
 * AA): a serious or critical violation fails the test, naming the rule and the elements.
 *
 * <p>The browser is {@code /usr/bin/chromium} with {@code /usr/bin/chromedriver} (REFUGIO_CHROMIUM and
 * REFUGIO_CHROMEDRIVER name others); Selenium Manager never downloads anything. Where they are missing the test is
 * skipped on a developer's machine, and FAILS in CI (CI or REFUGIO_REQUIRE_POSTGRES set): a browser test never
 * passes by not running. One browser serves every browser test of the run.
 */
public abstract class BrowserTest extends ApiTest {

    private static final String CHROMIUM = env("REFUGIO_CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = env("REFUGIO_CHROMEDRIVER", "/usr/bin/chromedriver");
    /** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

    private static WebDriver browser;

    /** Every page (path) axe checked in this run, for the record. */
    protected static final Set<String> CHECKED_PAGES = new LinkedHashSet<>();

    protected WebDriver driver;

    @BeforeEach
    void startBrowser() {
        driver = browser();
        driver.manage().deleteAllCookies();
        driver.get("about:blank");
    }

    private static synchronized WebDriver browser() {
        if (browser != null) {
            return browser;
        }
        boolean required = System.getenv("CI") != null || Boolean.parseBoolean(System.getenv("REFUGIO_REQUIRE_POSTGRES"));
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            String missing = "Chromium (" + CHROMIUM + ") or its driver (" + CHROMEDRIVER + ") is missing: "
                    + "apt-get install -y chromium chromium-driver";
            if (required) {
                fail(missing + " (browser tests are required in CI)");
            }
            Assumptions.abort(missing);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-extensions", "--disable-sync",
                "--disable-default-apps", "--disable-component-update", "--no-first-run", "--mute-audio",
                "--metrics-recording-only", "--disable-features=Translate,MediaRouter,OptimizationHints",
                "--lang=en-US", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Runtime.getRuntime().addShutdownHook(new Thread(browser::quit));
        return browser;
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Opens a page and checks it with axe. */
    protected void open(String path) {
        driver.get(url(path));
        checkAccessibility();
    }

    /** Signs in through the sign-in page, as a person would. */
    protected void signIn(String user) {
        open("/signin");
        type(By.id("username"), user);
        type(By.id("password"), TestWebUsers.PASSWORD);
        submit(By.cssSelector("#signin-form button[type=submit]"));
        assertThat(driver.findElements(By.id("sign-out"))).as("signed in as " + user).isNotEmpty();
    }

    protected void signOut() {
        submit(By.cssSelector("#sign-out button"));
    }

    /** Switches the interface language with the header's switch. */
    protected void switchLanguage() {
        submit(By.cssSelector("#language-switch button"));
    }

    protected String language() {
        return driver.findElement(By.tagName("html")).getAttribute("lang");
    }

    protected void type(By field, String text) {
        WebElement element = driver.findElement(field);
        element.clear();
        element.sendKeys(text);
    }

    protected void choose(By select, String value) {
        new Select(driver.findElement(select)).selectByValue(value);
    }

    /** Clicks something that loads a page (a submit button, a link), waits for it, and checks it with axe. */
    protected void submit(By button) {
        WebElement old = driver.findElement(By.tagName("html"));
        driver.findElement(button).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(old));
        waitForHtmx();
        checkAccessibility();
    }

    protected void follow(By link) {
        submit(link);
    }

    /** Waits until htmx has no request in flight and the page is settled. */
    protected void waitForHtmx() {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> ((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return document.readyState === 'complete' && "
                        + "document.querySelectorAll('.htmx-request').length === 0"));
    }

    protected String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    protected String text(By element) {
        return driver.findElement(element).getText();
    }

    protected String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    protected String path() {
        String current = driver.getCurrentUrl();
        String base = url("");
        return current.startsWith(base) ? current.substring(base.length()) : current;
    }

    /** axe-core on the page as it is now: no serious or critical WCAG 2.2 A/AA violation. */
    protected void checkAccessibility() {
        // Legacy mode runs axe in the page itself; the default opens a blank window for every check to combine the
        // results of each frame (our pages have none). Only violations carry all their nodes: the rest are not read.
        // Together: about 1.0 s → 0.6 s per page on this machine, the same rules on the same page.
        AxeRunOptions options = new AxeRunOptions();
        options.setResultTypes(List.of("violations"));
        Results results = new AxeBuilder().withOptions(options).withTags(WCAG).disableIframeTesting()
                .setLegacyMode(true).analyze(driver);
        List<String> failures = new ArrayList<>();
        for (Rule violation : results.getViolations()) {
            if (FAILING_IMPACTS.contains(violation.getImpact())) {
                failures.add(violation.getImpact() + " " + violation.getId() + " (" + violation.getHelp() + ") at "
                        + violation.getNodes().stream().map(n -> String.valueOf(n.getTarget()))
                        .collect(Collectors.joining(", ")));
            }
        }
        assertThat(failures).as("axe-core on " + path()).isEmpty();
        assertThat(results.getPasses()).as("axe-core ran on " + path()).isNotEmpty();
        String page = path().replaceAll("\\?.*", "").replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}");
        CHECKED_PAGES.add(page);
    }

    /** A full-page screenshot under target/screenshots/ (name without .png), to look at what a person sees. */
    protected void screenshot(String name) {
        screenshot(Path.of("target/screenshots", name + ".png"));
    }

    /** A full-page screenshot (PNG) at the given path, e.g. docs/screenshots/signin-en.png. */
    protected void screenshot(Path file) {
        try {
            Dimension size = driver.manage().window().getSize();
            Long height = (Long) ((org.openqa.selenium.JavascriptExecutor) driver)
                    .executeScript("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
            driver.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(Math.max(height + 120, 700), 4000)));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }
}
