package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium for the browser tests, and what they read of a page. Screenshots go to target/screenshots/. */
final class Browsers {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browsers() {
    }

    /** A fresh browser (its own profile under {@code dir}) with a window of that size, its console kept. */
    static WebDriver open(Path dir, int width, int height) throws IOException {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromedriver")),
                "browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + width + "," + height, "--user-data-dir=" + Files.createTempDirectory(dir, "chrome"),
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    static WebElement byTestId(WebDriver driver, String id) {
        return driver.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    /** Waits up to 30 s; an element the page replaced meanwhile (a list drawn again) is looked for again. */
    static WebDriverWait waiting(WebDriver driver) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** A fingerprint of the canvas's pixels, read back with getImageData. */
    static long canvasSum(WebDriver driver) {
        return ((Number) script(driver,
                "const c = document.querySelector(arguments[0]); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "let s = 0; for (let i = 0; i < d.length; i += 1) s = (s * 31 + d[i]) % 1000000007; return s;",
                "[data-testid='canvas']")).longValue();
    }

    static int progress(WebDriver driver) {
        return Integer.parseInt(byTestId(driver, "progress").getAttribute("value"));
    }

    /** How many pixels of the loss plot are drawn on. */
    static long plotPixels(WebDriver driver) {
        return ((Number) script(driver, "const c = document.querySelector(\"[data-testid='loss-plot']\");"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;")).longValue();
    }

    static Object script(WebDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    static void screenshot(WebDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What axe-core (target/test-tools/axe.min.js, fetched by bin/fetch-test-tools) finds against WCAG 2 A and AA and
     * its best practices on the page as it is now: "rule: the elements' selectors" for each violation.
     */
    @SuppressWarnings("unchecked")
    static List<String> accessibilityViolations(WebDriver driver) throws IOException {
        Path axe = Path.of("target", "test-tools", "axe.min.js");
        assertTrue(Files.isRegularFile(axe), "the accessibility tests need axe-core: bin/fetch-test-tools (npm) fetches it");
        script(driver, Files.readString(axe));
        return (List<String>) ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa',"
                + " 'best-practice']}}).then(r => done(r.violations.map(v => v.id + ': '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', '))));");
    }

    static List<String> consoleErrors(WebDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }
}
