package io.imacs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imacs.model.Role;
import io.imacs.result.ClusterSummary;
import io.imacs.result.Finding;
import io.imacs.result.ImacsResult;
import io.imacs.result.SegmentEntry;
import io.imacs.summarize.FindingWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/** Issue 12: the findings in words at the top, clusters named from annotations, headers true to the filters. */
class ReportFindingsTest extends SyntheticReportBrowser {
    private static String text(String css) {
        return (String) driver.executeScript("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
    }

    /** The first screen: every finding's sentence, its typical tiles, and a link that opens its cluster in the Concept view. */
    @Test
    void findingsAtTheTopSayWhatHoldsWithTilesAndALink() {
        List<Finding> findings = run.result().findings();
        assertFalse(findings.isEmpty(), "the synthetic run has differences that hold");
        HeadlessChrome.open(driver, report, "histogram");
        if (findings.size() > 3) driver.findElement(By.cssSelector("#findings details.more-findings summary")).click(); // the rest, one click away
        List<WebElement> items = driver.findElements(By.cssSelector("#findings li.finding"));
        assertEquals(findings.size(), items.size());
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            WebElement li = items.get(i);
            assertEquals(f.text(), li.findElement(By.cssSelector(".ftext")).getText());
            if (i >= 3) assertTrue(li.findElement(By.xpath("ancestor::details")) != null, "findings after the third sit behind 'more findings'");
            assertEquals(f.tiles().stream().map(String::valueOf).toList(),
                li.findElements(By.cssSelector(".ftile")).stream().map(t -> t.getAttribute("data-segment")).toList());
            assertTrue(f.tiles().size() >= 4 || f.tiles().size() == run.result().segments().stream()
                .filter(s -> s.cluster() == f.cluster() && s.model().equals(f.more())).count(), "4-6 tiles where the cluster has them");
        }
        // the findings sit above the tabs, within the first screen
        double bottom = ((Number) driver.executeScript("return document.querySelector('#findings li.finding').getBoundingClientRect().bottom;")).doubleValue();
        assertTrue(bottom < ((Number) driver.executeScript("return window.innerHeight;")).doubleValue(), "first finding on the first screen");
        // the link opens the Concept view at the cluster
        Finding last = findings.get(findings.size() - 1);
        items.get(findings.size() - 1).findElement(By.cssSelector("button.fgo")).click();
        assertEquals("true", driver.findElement(By.id("tab-concept")).getAttribute("aria-selected"));
        double top = ((Number) driver.executeScript("return document.getElementById('concept-cluster-' + arguments[0]).getBoundingClientRect().top;", last.cluster())).doubleValue();
        double controls = ((Number) driver.executeScript("return document.getElementById('controls').getBoundingClientRect().bottom;")).doubleValue();
        double height = ((Number) driver.executeScript("return window.innerHeight;")).doubleValue();
        assertTrue(top >= controls - 1 && top < height - 100, "cluster " + last.cluster() + " in view below the controls (" + controls + "), top at " + top);
    }

    @Test
    void whenNothingHoldsOneLineSaysSo() throws Exception {
        ImacsResult r = run.result();
        Path html = ReportWriter.write(new ImacsResult(r.manifest(), r.images(), r.segments(), r.clusters(), r.clusterings(), List.of()), run.dir());
        try {
            HeadlessChrome.open(driver, html, null);
            assertEquals(0, driver.findElements(By.cssSelector("#findings li.finding")).size());
            assertEquals(FindingWriter.NONE, text("#findings .finding.none"));
        } finally {
            ReportWriter.write(r, run.dir()); // the other tests' report
        }
    }

    /** Every view shows the annotation label of each labelled cluster; the run's k and another k each have their own. */
    @Test
    void clusterLabelsInEveryView() {
        List<ClusterSummary> labelled = run.result().clusters().stream().filter(c -> c.label() != null).toList();
        assertFalse(labelled.isEmpty(), "the synthetic run's mark box names a cluster");
        assertEquals("mark", labelled.get(0).label().annotation());
        HeadlessChrome.open(driver, report, "concept");
        for (ClusterSummary c : run.result().clusters()) {
            String want = c.label() == null ? null : c.label().text();
            for (String sel : List.of("#view-concept .ccluster[data-cluster='%d'] .chead .clabel", "#concept-overview .orow[data-cluster='%d'] .clabel")) {
                List<WebElement> e = driver.findElements(By.cssSelector(String.format(sel, c.id())));
                assertEquals(want, e.isEmpty() ? null : e.get(0).getAttribute("data-label"), sel + " " + c.id());
                if (want != null && c.label().mixed() && sel.contains("chead")) assertTrue(e.get(0).getText().contains("mixed: try a higher k"), e.get(0).getText());
            }
        }
        for (String view : List.of("histogram", "location")) {
            driver.findElement(By.id("tab-" + view)).click();
            for (ClusterSummary c : labelled)
                assertEquals(c.label().text(), driver.findElement(By.cssSelector("#view-" + view + " .cluster[data-cluster='" + c.id() + "'] .clabel"))
                    .getAttribute("data-label"), view);
        }
        driver.findElement(By.id("tab-confusion")).click();
        for (ClusterSummary c : labelled)
            assertTrue(driver.findElement(By.cssSelector("#confusion-cluster option[value='" + c.id() + "']")).getText().contains(c.label().text()));
    }

    /** Under a filter the run's test is labelled "all segments" and greyed out, never shown as a test of the visible segments. */
    @Test
    void headersUnderAFilterShowTheRunsTestAsAllSegments() {
        HeadlessChrome.open(driver, report, "concept");
        List<WebElement> notes = driver.findElements(By.cssSelector("#view-concept .chead .diff"));
        assertFalse(notes.isEmpty());
        for (WebElement n : notes) {
            assertFalse(n.getAttribute("class").contains("stale"), n.getText());
            assertFalse(n.getText().contains("all segments"), n.getText());
        }
        new Select(driver.findElement(By.id("filter-outcome"))).selectByValue("FP");
        notes = driver.findElements(By.cssSelector("#view-concept .chead .diff"));
        assertFalse(notes.isEmpty());
        for (WebElement n : notes) {
            assertTrue(n.getAttribute("class").contains("stale"), n.getText());
            assertTrue(n.getText().contains("all segments: A\u2212B"), n.getText());
            assertEquals("all", n.getAttribute("data-scope"));
            assertTrue(n.getCssValue("color").contains("95, 99, 104"), "greyed out: " + n.getCssValue("color"));
        }
        assertTrue(text("#findings").contains("Over all segments; the views below are filtered."), text("#findings"));
    }

    /** A model without segments in a cluster shows "—", not "mean 0.000", and has no importance bar and no imbalance. */
    @Test
    void aModelWithoutSegmentsInAClusterShowsADash() throws Exception {
        ImacsResult r = run.result();
        int cluster = r.clusters().get(0).id();
        List<SegmentEntry> kept = r.segments().stream().filter(s -> !(s.cluster() == cluster && s.model() == Role.A)).toList();
        Path html = ReportWriter.write(new ImacsResult(r.manifest(), r.images(), kept, r.clusters(), List.of(), r.findings()), run.dir());
        try {
            HeadlessChrome.open(driver, html, "concept");
            String base = "#view-concept .ccluster[data-cluster='" + cluster + "'] ";
            String means = driver.findElement(By.cssSelector(base + ".means")).getText();
            assertTrue(means.contains("A: 0 (mean \u2014)"), means);
            assertTrue(means.contains("|\u0394 mean| \u2014"), means);
            assertFalse(means.contains("0.000"), means);
            assertNull(driver.findElement(By.cssSelector(base + "svg.importance")).getAttribute("data-mean-a"));
            assertEquals(1, driver.findElements(By.cssSelector(base + "svg.importance rect")).size(), "only B's bar");
        } finally {
            ReportWriter.write(r, run.dir());
        }
    }
}
