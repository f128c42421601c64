package io.imacs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A full-size run (200 images per model, 5 segments each: 2,000 tiles): the report must hold every tile; how long
 * it takes to open is printed, never asserted.
 */
class ReportLoadTimeTest {
    @TempDir Path dir;

    @Test
    void twoThousandTilesOpenAndRender() throws Exception {
        io.imacs.testing.Requirement.BROWSER.check(HeadlessChrome.available());
        SyntheticRun run = SyntheticRun.create(dir, 200, 5, 5, 9, SyntheticRun.Names.PLAIN);
        assertEquals(2000, run.result().segments().size());
        long w0 = System.nanoTime();
        Path report = ReportWriter.write(run.result(), dir);
        double writeMs = (System.nanoTime() - w0) / 1e6;
        ChromeDriver driver = HeadlessChrome.start();
        try {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "[load-time] report.html %.1f MB for %d tiles, written in %.0f ms%n", Files.size(report) / 1e6, 2000, writeMs));
            for (String view : List.of("histogram", "concept")) {
                driver.get("about:blank");
                long t0 = System.nanoTime();
                driver.get(report.toUri() + "#view=" + view);
                new WebDriverWait(driver, Duration.ofSeconds(120))
                    .until(d -> "1".equals(d.findElement(By.tagName("html")).getAttribute("data-ready")));
                double wallMs = (System.nanoTime() - t0) / 1e6;
                @SuppressWarnings("unchecked")
                Map<String, Number> nav = (Map<String, Number>) driver.executeScript(
                    "const n = performance.getEntriesByType('navigation')[0];"
                        + "return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, render: window.__imacs.renderMs};");
                assertEquals(List.of(), HeadlessChrome.errors(driver));
                out.append(String.format(Locale.ROOT, "[load-time] first view %-9s: DOMContentLoaded %.0f ms, load event %.0f ms, "
                        + "script parse+render %.0f ms, WebDriver get..ready %.0f ms%n", view, nav.get("dcl").doubleValue(),
                    nav.get("load").doubleValue(), nav.get("render").doubleValue(), wallMs));
            }
            assertEquals(2000L, ((Number) driver.executeScript("return document.querySelectorAll('#view-concept .tile').length;")).longValue());
            Number resort = (Number) driver.executeScript("const s = document.getElementById('sort-tiles'); const t = performance.now();"
                + "s.value = 'distance'; s.dispatchEvent(new Event('change')); return performance.now() - t;");
            Number filter = (Number) driver.executeScript("const s = document.getElementById('filter-outcome'); const t = performance.now();"
                + "s.value = 'FP'; s.dispatchEvent(new Event('change')); return performance.now() - t;");
            out.append(String.format(Locale.ROOT, "[load-time] re-render of the concept view: tile re-sort %.0f ms, FP filter %.0f ms%n",
                resort.doubleValue(), filter.doubleValue()));
            System.out.print(out);
        } finally {
            driver.quit();
        }
    }
}
