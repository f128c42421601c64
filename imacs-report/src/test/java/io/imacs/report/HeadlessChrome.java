package io.imacs.report;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's chromium + chromedriver for the browser tests; never Selenium Manager (no network here). */
final class HeadlessChrome {
    private HeadlessChrome() {}

    static final File DRIVER = new File("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static boolean available() {
        return DRIVER.canExecute() && new File("/usr/bin/chromium").canExecute();
    }

    static ChromeDriver start() {
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--window-size=1400,1000", "--force-device-scale-factor=1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(service, options);
    }

    /** Opens the report on {@code view} ({@code null}: no #view, the landing view) and waits until its script has rendered. */
    static void open(ChromeDriver driver, Path report, String view) {
        driver.get("about:blank"); // a fresh load: a hash-only change would not reload, a refresh would keep control values
        driver.get(report.toAbsolutePath().toUri() + (view == null ? "" : "#view=" + view)); // null: the page's own first view
        new WebDriverWait(driver, Duration.ofSeconds(60))
            .until(d -> "1".equals(d.findElement(By.tagName("html")).getAttribute("data-ready")));
    }

    /** Console messages at SEVERE (errors, CSP violations, failed loads) since the last call. */
    static List<LogEntry> errors(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    static Path screenshot(ChromeDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path out = SCREENSHOTS.resolve(name + ".png");
        Files.write(out, driver.getScreenshotAs(OutputType.BYTES));
        return out;
    }
}
