package io.imacs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imacs.result.ClusterSummary;
import io.imacs.result.ImacsResult;
import io.imacs.result.SegmentEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/** Location heat maps weighted by segment count or by attribution (issue 11): each cell against the result. */
class ReportLocationWeightTest {
    static ChromeDriver driver;
    static SyntheticRun run;
    static Path report;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(HeadlessChrome.available(), "no /usr/bin/chromedriver: browser tests skipped");
        run = SyntheticRun.create(Files.createTempDirectory("imacs-location-test").resolve("run"), 32, 5, 4, 7, SyntheticRun.Names.PLAIN);
        report = ReportWriter.write(run.result(), run.dir());
        driver = HeadlessChrome.start();
    }

    @AfterAll
    static void tearDown() {
        if (driver != null) driver.quit();
    }

    @SuppressWarnings("unchecked")
    static List<String> values(int cluster, String model) {
        return (List<String>) driver.executeScript("return Array.from(document.querySelectorAll(arguments[0])).map(e => e.getAttribute('data-v'));",
            "#view-location .cluster[data-cluster='" + cluster + "'] svg.heatmap[data-model='" + model + "'] rect.heat-cell");
    }

    /** A 4x4 grid cell covers 2x2 cells of the 8x8 map: a quarter of the segment's weight each. */
    static void assertMaps(ImacsResult r, boolean byAttribution) {
        for (ClusterSummary c : r.clusters())
            for (String m : SyntheticRun.MODELS) {
                double[] expected = new double[64];
                for (SegmentEntry s : r.segments())
                    if (s.cluster() == c.id() && s.model().equals(m)) {
                        double w = byAttribution ? Math.max(0, s.attribution()) : 1;
                        int gi = s.workingBox().y() / SyntheticRun.CELL, gj = s.workingBox().x() / SyntheticRun.CELL;
                        for (int di = 0; di < 2; di++) for (int dj = 0; dj < 2; dj++) expected[(2 * gi + di) * 8 + 2 * gj + dj] += w / 4;
                    }
                List<String> v = values(c.id(), m);
                assertEquals(64, v.size());
                for (int k = 0; k < 64; k++) assertEquals(expected[k], Double.parseDouble(v.get(k)), 2e-4, "cluster " + c.id() + " " + m + " cell " + k);
            }
    }

    @Test
    void heatMapsWeighByCountThenByAttribution() {
        HeadlessChrome.open(driver, report, "location");
        assertEquals("count", new Select(driver.findElement(By.id("location-weight"))).getFirstSelectedOption().getAttribute("value"));
        assertMaps(run.result(), false);
        new Select(driver.findElement(By.id("location-weight"))).selectByValue("attribution");
        assertEquals("attribution", driver.findElement(By.cssSelector("#view-location svg.heatmap")).getAttribute("data-weight"));
        assertMaps(run.result(), true);
        new Select(driver.findElement(By.id("location-weight"))).selectByValue("count");
        assertMaps(run.result(), false);
    }
}
