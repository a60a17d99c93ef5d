package gatefold.server.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through chromedriver, for tests that click through Gatefold the way a
 * fan or an artist does. Tests that call {@link #start()} are skipped when Chromium is not installed.
 *
 * <pre>
 * try (Browser browser = Browser.start()) {
 *     browser.open(server.url("/checkout/" + releaseId));
 *     browser.find("button[type=submit]").click();
 *     browser.waitForText("Thank you");
 *     browser.screenshot("checkout-done");
 * }
 * </pre>
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    public static final Duration WAIT = Duration.ofSeconds(15);

    // Selenium warns on every start that it has no DevTools bindings for this Chromium; tests do not use them.
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** True when both Chromium and chromedriver are present and executable. */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Fails the calling test, with the line that installs them, unless Chromium and chromedriver are installed. */
    public static void requireAvailable() {
        if (!available()) {
            throw new AssertionError("Chromium and chromedriver are not installed; this test needs them:"
                    + " apt-get install -y chromium chromium-driver (bash .ci/run installs every tool the tests use)");
        }
    }

    /** Launches a headless Chromium with a fresh profile; fails the test when Chromium is absent. */
    public static Browser start() {
        requireAvailable();
        Path profile;
        try {
            profile = Files.createTempDirectory("gatefold-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
        return new Browser(driver, profile);
    }

    /** The Selenium driver itself, for anything this helper does not cover. */
    public WebDriver driver() {
        return driver;
    }

    public Browser open(String url) {
        driver.get(url);
        return this;
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public String title() {
        return driver.getTitle();
    }

    /**
     * The visible text of the whole page. A page being replaced (after a form post) can answer
     * with the old page's body, which is gone by the time its text is read: then it is read again.
     */
    public String text() {
        for (int attempt = 1; ; attempt++) {
            try {
                return driver.findElement(By.tagName("body")).getText();
            } catch (StaleElementReferenceException e) {
                if (attempt == 3) {
                    throw e;
                }
            } catch (org.openqa.selenium.WebDriverException e) {
                if (attempt == 3 || e.getMessage() == null || !e.getMessage().contains("does not belong to the document")) {
                    throw e;
                }
            }
        }
    }

    public String html() {
        return driver.getPageSource();
    }

    /** Waits for the first element matching a CSS selector to be present, and returns it. */
    public WebElement find(String css) {
        return until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        }, "an element matching " + css);
    }

    /** Every element matching a CSS selector right now (no waiting). */
    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits for an element matching a CSS selector to be displayed, and returns it. */
    public WebElement visible(String css) {
        return until(d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null),
                "a visible element matching " + css);
    }

    /** Clears a form field and types into it. */
    public Browser type(String css, String value) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(value);
        return this;
    }

    public Browser click(String css) {
        visible(css).click();
        return this;
    }

    /** Sends a key (e.g. {@code Keys.ESCAPE}) to whatever has focus, as a keyboard user would. */
    public Browser press(CharSequence key) {
        driver.switchTo().activeElement().sendKeys(key);
        return this;
    }

    /** Downloads a URL from within the page (with its cookies) and returns the SHA-256 of the bytes, in hex. */
    public String sha256Of(String url) {
        Object hex = ((JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.arrayBuffer(); })"
                        + ".then(function (b) { return crypto.subtle.digest('SHA-256', b); })"
                        + ".then(function (d) { done(Array.from(new Uint8Array(d)).map(function (x) {"
                        + " return x.toString(16).padStart(2, '0'); }).join('')); })"
                        + ".catch(function (e) { done('failed: ' + e.message); });", url);
        return String.valueOf(hex);
    }

    /** Waits until the page's visible text contains the given text. */
    public Browser waitForText(String expected) {
        until(d -> text().contains(expected) ? Boolean.TRUE : null, "the page to show \"" + expected + "\"");
        return this;
    }

    /** Waits until the current URL contains the given text. */
    public Browser waitForUrl(String part) {
        until(d -> d.getCurrentUrl().contains(part) ? Boolean.TRUE : null, "the URL to contain \"" + part + "\"");
        return this;
    }

    /** Waits until a condition yields something other than null or false, failing with a description otherwise. */
    public <T> T until(Function<WebDriver, T> condition, String what) {
        try {
            return new WebDriverWait(driver, WAIT).withMessage("waiting for " + what)
                    .ignoring(StaleElementReferenceException.class).until(condition::apply);
        } catch (RuntimeException e) {
            screenshot("failed-" + System.currentTimeMillis());
            throw e;
        }
    }

    /** Runs JavaScript in the page and returns its result. */
    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Enters the iframe matching a CSS selector; {@link #leaveFrame()} returns to the top page. */
    public Browser enterFrame(String css) {
        WebElement frame = visible(css);
        driver.switchTo().frame(frame);
        return this;
    }

    public Browser leaveFrame() {
        driver.switchTo().defaultContent();
        return this;
    }

    /** Names (as "name=value") of the cookies the browser holds for the current page. */
    public List<String> cookies() {
        return driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).toList();
    }

    /** Saves a PNG of the viewport as target/screenshots/NAME.png and returns its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
            Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.move(taken, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a profile left in the temp dir is harmless
        }
    }
}
