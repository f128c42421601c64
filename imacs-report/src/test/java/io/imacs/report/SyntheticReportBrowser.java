package io.imacs.report;

import io.imacs.result.ImacsResult;
import io.imacs.result.SegmentEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;

/** The browser tests' shared fixture: a synthetic 32-image run (4 clusters), its report, and one headless Chromium per test class. */
abstract class SyntheticReportBrowser {
    static ChromeDriver driver;
    static Path work;
    static SyntheticRun run;
    static Path report;
    static Map<Integer, SegmentEntry> segs;

    /** Started once per class, where there is a browser; each test then skips (or, in CI, fails) on its own without one. */
    @BeforeAll
    static void startBrowser() throws Exception {
        if (!HeadlessChrome.available()) return;
        work = Files.createTempDirectory("imacs-report-browser");
        run = SyntheticRun.create(work.resolve("run"), 32, 5, 4, 42, SyntheticRun.Names.PLAIN);
        report = ReportWriter.write(run.result(), run.dir());
        segs = run.result().segments().stream().collect(Collectors.toMap(SegmentEntry::id, s -> s));
        driver = HeadlessChrome.start();
    }

    /** Per test rather than in {@code @BeforeAll}, so that a machine without Chromium reports every test as skipped, not none. */
    @org.junit.jupiter.api.BeforeEach
    void requireBrowser() {
        io.imacs.testing.Requirement.BROWSER.check(HeadlessChrome.available());
    }

    @AfterAll
    static void quitBrowser() {
        if (driver != null) driver.quit();
        driver = null;
    }

    static ImacsResult result() {
        return run.result();
    }

    /** {@code attribute} of every element {@code selector} matches, in document order. */
    @SuppressWarnings("unchecked")
    static List<String> attrs(String selector, String attribute) {
        return (List<String>) driver.executeScript(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.getAttribute(arguments[1]));", selector, attribute);
    }

    /** Types {@code text} into the field {@code id} (cleared first) and leaves it with Tab, as a user would. */
    static void typeInto(String id, String text) {
        org.openqa.selenium.WebElement field = driver.findElement(org.openqa.selenium.By.id(id));
        field.clear();
        field.sendKeys(text, org.openqa.selenium.Keys.TAB);
    }

    static List<Integer> ids(String selector, String attribute) {
        return attrs(selector, attribute).stream().map(Integer::valueOf).toList();
    }
}
