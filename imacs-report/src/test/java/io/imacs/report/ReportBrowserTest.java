package io.imacs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imacs.model.Role;
import io.imacs.result.AlternativeClustering;
import io.imacs.result.ClusterSummary;
import io.imacs.result.ImacsResult;
import io.imacs.result.ImageEntry;
import io.imacs.result.SegmentEntry;
import io.imacs.sample.ConfusionOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/** The report in headless Chromium: counts, sorts, filters, hover and escaping against the result it shows. */
class ReportBrowserTest extends SyntheticReportBrowser {
    static void choose(String selectId, String value) {
        new Select(driver.findElement(By.id(selectId))).selectByValue(value);
    }

    static ClusterSummary cluster(int id) {
        return result().clusters().stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }

    static List<Integer> clustersBy(ToDoubleFunction<ClusterSummary> key) {
        return result().clusters().stream().sorted(Comparator.comparingDouble((ClusterSummary c) -> -key.applyAsDouble(c))
            .thenComparingInt(ClusterSummary::id)).map(ClusterSummary::id).toList();
    }

    static long countSegments(Predicate<SegmentEntry> p) {
        return result().segments().stream().filter(p).count();
    }

    // ---------- tests ----------
    @Test
    void everyViewLoadsWithoutConsoleErrors() throws Exception {
        for (String view : FigureExporter.VIEWS) {
            HeadlessChrome.open(driver, report, view);
            assertTrue(driver.findElement(By.id("view-" + view)).isDisplayed(), view);
            assertEquals(List.of(), HeadlessChrome.errors(driver), view);
            HeadlessChrome.screenshot(driver, view);
        }
    }

    @Test
    void conceptViewShowsEveryClusterAndTile() {
        HeadlessChrome.open(driver, report, "concept");
        assertEquals(result().clusters().size(), driver.findElements(By.cssSelector("#view-concept .cluster[data-cluster]")).size());
        for (ClusterSummary c : result().clusters())
            for (Role m : Role.values()) {
                String sel = "#view-concept .cluster[data-cluster='" + c.id() + "'] .tile[data-model='" + m + "']";
                List<Integer> tiles = ids(sel, "data-segment");
                assertEquals(c.count().get(m), tiles.size(), sel);
                for (int id : tiles) {
                    assertEquals(c.id(), segs.get(id).cluster());
                    assertEquals(m, segs.get(id).model());
                }
            }
        List<String> outcomes = attrs("#view-concept .tile", "data-outcome");
        List<Integer> tiles = ids("#view-concept .tile", "data-segment");
        assertEquals(result().segments().size(), tiles.size());
        for (int i = 0; i < tiles.size(); i++) assertEquals(segs.get(tiles.get(i)).outcome().name(), outcomes.get(i));
    }

    /** Which cluster each tile of the Concept view sits in, by segment id. */
    static Map<Integer, Integer> shownClusters() {
        Map<Integer, Integer> out = new HashMap<>();
        for (WebElement sec : driver.findElements(By.cssSelector("#view-concept .cluster[data-cluster]"))) {
            int c = Integer.parseInt(sec.getAttribute("data-cluster"));
            for (WebElement t : sec.findElements(By.cssSelector(".tile"))) out.put(Integer.parseInt(t.getAttribute("data-segment")), c);
        }
        return out;
    }

    static void showK(WebElement input, int k) {
        input.clear();
        input.sendKeys(String.valueOf(k));
        driver.findElement(By.id("recluster")).click();
    }

    /** Spec 3 and issue 10: another k shows exactly the clustering compare made for it; the run's k, the run's clusters. */
    @Test
    void anotherKShowsComparesClusteringForThatK() {
        HeadlessChrome.open(driver, report, "concept");
        ImacsResult r = result();
        int runK = r.clusters().size();
        Map<Integer, Integer> runClusters = r.segments().stream().collect(Collectors.toMap(SegmentEntry::id, SegmentEntry::cluster));
        assertEquals(runClusters, shownClusters());
        var k = driver.findElement(By.id("recluster-k"));
        assertEquals(String.valueOf(runK), k.getAttribute("value"));
        for (int other : new int[] {2, 7}) {
            AlternativeClustering alt = r.clusterings().stream().filter(a -> a.k() == other).findFirst().orElseThrow();
            showK(k, other);
            Map<Integer, Integer> expected = new HashMap<>();
            for (int i = 0; i < r.segments().size(); i++) expected.put(r.segments().get(i).id(), alt.cluster().get(i));
            assertEquals(expected, shownClusters(), "k = " + other);
            assertTrue(driver.findElement(By.id("filter-status")).getText().contains("k = " + other));
            // each cluster's test is the one compare computed for this k
            for (ClusterSummary c : alt.clusters()) {
                if (c.difference() == null) continue;
                var note = driver.findElement(By.cssSelector("#view-concept .cluster[data-cluster='" + c.id() + "'] .diff"));
                assertEquals(c.difference().pValue(), Double.parseDouble(note.getAttribute("data-p")), 1e-12);
            }
        }
        showK(k, runK); // the run's own k: the run's clusters, not a page-made look-alike
        assertEquals(runClusters, shownClusters());
        assertFalse(driver.findElement(By.id("filter-status")).getText().contains("k ="));
        showK(k, 3);
        driver.findElement(By.id("recluster-reset")).click();
        assertEquals(runClusters, shownClusters());
        // a k compare did not cluster is refused, and nothing changes
        showK(k, 13);
        assertFalse((Boolean) driver.executeScript("return arguments[0].checkValidity()", k));
        assertEquals(runClusters, shownClusters());
        assertEquals(List.of(), HeadlessChrome.errors(driver));
    }

    @Test
    void conceptViewShowsEachClustersDifferenceTest() {
        HeadlessChrome.open(driver, report, "concept");
        for (ClusterSummary c : result().clusters()) {
            if (c.difference() == null) continue;
            var note = driver.findElement(By.cssSelector("#view-concept .cluster[data-cluster='" + c.id() + "'] .diff"));
            assertEquals(c.difference().pValue(), Double.parseDouble(note.getAttribute("data-p")), 1e-12);
            assertTrue(note.getText().contains("p "), note.getText());
            assertEquals(c.difference().pValue() > 0.05, note.getText().contains("could be chance"), note.getText());
        }
    }

    @Test
    void clustersAreInComparesOrderAndResortByImbalanceMeanAndSize() {
        HeadlessChrome.open(driver, report, "concept");
        List<Integer> byOrder = result().clusters().stream().sorted(Comparator.comparingInt(ClusterSummary::order)).map(ClusterSummary::id).toList();
        List<Integer> byImbalance = clustersBy(c -> c.imbalance() == null ? -1 : Math.abs(c.imbalance()));
        List<Integer> byMean = clustersBy(c -> c.mean().values().stream().filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(Double.NEGATIVE_INFINITY));
        List<Integer> bySize = clustersBy(ClusterSummary::size);
        assertNotEquals(byOrder, byMean, "test data must tell the orders apart");
        String sel = "#view-concept .cluster";
        assertEquals(byOrder, ids(sel, "data-cluster"));
        choose("sort-clusters", "mean");
        assertEquals(byMean, ids(sel, "data-cluster"));
        choose("sort-clusters", "size");
        assertEquals(bySize, ids(sel, "data-cluster"));
        choose("sort-clusters", "imbalance");
        assertEquals(byImbalance, ids(sel, "data-cluster"));
        choose("sort-clusters", "holds");
        assertEquals(byOrder, ids(sel, "data-cluster"));
    }

    @Test
    void tilesSortByAttributionOrByDistanceToCentroid() {
        HeadlessChrome.open(driver, report, "concept");
        for (ClusterSummary c : result().clusters())
            for (Role m : Role.values()) {
                String sel = "#view-concept .cluster[data-cluster='" + c.id() + "'] .crow[data-model='" + m + "'] .tile";
                double[] a = ids(sel, "data-segment").stream().mapToDouble(id -> segs.get(id).attribution()).toArray();
                for (int i = 1; i < a.length; i++) assertTrue(a[i - 1] >= a[i], "attribution high to low in " + sel);
            }
        String first = "#view-concept .cluster[data-cluster='0'] .crow[data-model='B'] .tile";
        List<Integer> before = ids(first, "data-segment");
        choose("sort-tiles", "distance");
        List<Integer> after = ids(first, "data-segment");
        assertNotEquals(before, after);
        assertEquals(before.stream().sorted().toList(), after.stream().sorted().toList(), "same tiles, new order");
        double[] d = after.stream().mapToDouble(id -> segs.get(id).distance()).toArray();
        for (int i = 1; i < d.length; i++) assertTrue(d[i - 1] <= d[i], "distance ascending");
    }

    @Test
    void outcomeFilterKeepsOnlyThatOutcomeInEveryView() {
        HeadlessChrome.open(driver, report, "concept");
        choose("filter-outcome", "FP");
        List<String> shown = attrs("#view-concept .tile", "data-outcome");
        assertEquals(countSegments(s -> s.outcome() == ConfusionOutcome.FP), shown.size());
        assertTrue(shown.stream().allMatch("FP"::equals));
        for (ClusterSummary c : result().clusters()) {
            String plot = "#view-concept .cluster[data-cluster='" + c.id() + "'] svg.composition";
            assertEquals(String.valueOf(c.outcomes().get(Role.A).get(ConfusionOutcome.FP) + c.outcomes().get(Role.B).get(ConfusionOutcome.FP)),
                attrs(plot, "data-total").get(0), "composition follows the filter");
        }
        driver.findElement(By.id("tab-histogram")).click();
        List<Integer> counts = ids("#view-histogram .bin", "data-count");
        assertEquals(countSegments(s -> s.outcome() == ConfusionOutcome.FP), counts.stream().mapToInt(Integer::intValue).sum());
        assertTrue(attrs("#view-histogram .tile", "data-outcome").stream().allMatch("FP"::equals));
        choose("filter-outcome", "errors");
        assertEquals(countSegments(s -> s.outcome() == ConfusionOutcome.FP || s.outcome() == ConfusionOutcome.FN),
            ids("#view-histogram .bin", "data-count").stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void modelFilterHidesTheOtherModel() {
        HeadlessChrome.open(driver, report, "concept");
        choose("filter-model", "A");
        assertEquals(countSegments(s -> s.model() == Role.A), attrs("#view-concept .tile[data-model='A']", "data-segment").size());
        assertEquals(0, attrs("#view-concept .tile[data-model='B']", "data-segment").size());
        assertEquals(0, attrs("#view-concept .crow[data-model='B']", "class").size());
        driver.findElement(By.id("tab-location")).click();
        assertEquals(result().clusters().size(), attrs("#view-location svg.heatmap[data-model='A']", "class").size());
        assertEquals(0, attrs("#view-location svg.heatmap[data-model='B']", "class").size());
    }

    @Test
    void disagreementFilterKeepsConfidentDisagreements() {
        HeadlessChrome.open(driver, report, "concept");
        typeInto("filter-disagree", "0.5");
        Map<String, ImageEntry> images = new HashMap<>();
        result().images().forEach(i -> images.put(i.id(), i));
        Predicate<SegmentEntry> keep = s -> {
            var p = images.get(s.image()).predictions();
            return Math.abs(p.get(Role.A).targetProbability() - p.get(Role.B).targetProbability()) >= 0.5;
        };
        List<Integer> shown = ids("#view-concept .tile", "data-segment");
        assertTrue(shown.size() > 0 && shown.size() < result().segments().size());
        assertEquals(countSegments(keep), shown.size());
        assertTrue(shown.stream().allMatch(id -> keep.test(segs.get(id))));
    }

    @Test
    void histogramMatchesSummariesOnOneSharedAxis() {
        HeadlessChrome.open(driver, report, "histogram");
        for (ClusterSummary c : result().clusters())
            for (Role m : Role.values()) {
                String row = "#view-histogram .cluster[data-cluster='" + c.id() + "'] .bin[data-model='" + m + "']";
                List<Integer> counts = ids(row, "data-count");
                assertEquals(Arrays.stream(c.histogram().get(m)).boxed().toList(), counts, row);
                for (int i = 0; i < counts.size(); i++) {
                    String bin = row.replace(".bin[", ".bin[data-bin='" + i + "'][");
                    assertEquals(Math.min(5, counts.get(i)), attrs(bin + " .tile", "data-segment").size(), "at most 5 tiles drawn in " + bin);
                }
            }
        assertEquals(1, driver.findElements(By.id("histogram-axis")).size(), "one axis for all clusters");
        assertTrue(driver.findElement(By.cssSelector("#view-histogram .axis-title")).getText().startsWith("Shapley value (\u0394 p(sunflowers))"));
        @SuppressWarnings("unchecked")
        List<List<Number>> ticks = (List<List<Number>>) driver.executeScript(
            "return [...document.querySelectorAll('#histogram-axis .tick')].map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; });");
        assertTrue(ticks.size() >= 3);
        for (int i = 1; i < ticks.size(); i++)
            assertTrue(ticks.get(i - 1).get(1).doubleValue() < ticks.get(i).get(0).doubleValue(), "tick labels must not overlap");
        // the bins of every cluster line up under the one axis
        List<String> lefts = attrs("#view-histogram .bins", "style");
        assertTrue(lefts.stream().distinct().count() == 1);
    }

    @Test
    void clusterPlotsAgreeWithTheSummaries() {
        HeadlessChrome.open(driver, report, "concept");
        double maxMean = result().clusters().stream().flatMap(c -> c.mean().values().stream()).filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).max().orElseThrow();
        for (ClusterSummary c : result().clusters()) {
            String base = "#view-concept .cluster[data-cluster='" + c.id() + "'] ";
            assertEquals(String.valueOf(c.size()), attrs(base + "svg.composition", "data-total").get(0));
            for (Role m : Role.values()) {
                String k = m.name().toLowerCase();
                assertEquals(String.valueOf(c.count().get(m)), attrs(base + "svg.composition", "data-" + k).get(0));
                String mean = attrs(base + "svg.importance", "data-mean-" + k).get(0);
                if (c.mean().get(m) == null) assertEquals(null, mean, "no segments: no mean");
                else assertEquals(c.mean().get(m), Double.parseDouble(mean), 1e-12);
                assertEquals(Arrays.stream(c.histogram().get(m)).mapToObj(String::valueOf).collect(Collectors.joining(",")),
                    attrs(base + "svg.coherence", "data-hist-" + k).get(0));
            }
            assertEquals(maxMean, Double.parseDouble(attrs(base + "svg.importance", "data-max-mean").get(0)), 1e-12);
        }
    }

    @Test
    void confusionMatrixExplodesTheChosenCluster() {
        HeadlessChrome.open(driver, report, "confusion");
        for (ClusterSummary c : result().clusters()) {
            choose("confusion-cluster", String.valueOf(c.id()));
            for (Role m : Role.values())
                for (ConfusionOutcome o : ConfusionOutcome.values()) {
                    String cell = "#view-confusion .cm-cell[data-model='" + m + "'][data-outcome='" + o + "']";
                    int expected = c.outcomes().get(m).get(o);
                    assertEquals(String.valueOf(expected), attrs(cell, "data-count").get(0), cell);
                    List<Integer> tiles = ids(cell + " .tile", "data-segment");
                    assertEquals(expected, tiles.size());
                    assertTrue(tiles.stream().allMatch(id -> segs.get(id).cluster() == c.id() && segs.get(id).outcome() == o));
                }
        }
        // the paper's layout: TP FP on top (predicted c), FN TN below
        assertEquals(List.of("TP", "FP", "FN", "TN"), attrs("#view-confusion .cm[data-model='A'] .cm-cell", "data-outcome"));
    }

    @Test
    void hoveringATileShowsItsSourceImageWithTheSegmentOutlined() throws Exception {
        HeadlessChrome.open(driver, report, "concept");
        WebElement tile = driver.findElement(By.cssSelector("#view-concept .crow[data-model='A'] .tile"));
        SegmentEntry s = segs.get(Integer.valueOf(tile.getAttribute("data-segment")));
        new Actions(driver).moveToElement(tile).perform();
        WebElement panel = driver.findElement(By.id("hover-panel"));
        assertTrue(panel.isDisplayed());
        assertEquals(String.valueOf(s.id()), panel.getAttribute("data-segment"));
        assertTrue(panel.getText().contains(s.image()), panel.getText());
        WebElement box = panel.findElement(By.cssSelector("rect.hp-box"));
        assertEquals(List.of(s.workingBox().x(), s.workingBox().y(), s.workingBox().w(), s.workingBox().h()),
            List.of("x", "y", "width", "height").stream().map(a -> Integer.valueOf(box.getAttribute(a))).toList());
        ImageEntry image = result().images().stream().filter(i -> i.id().equals(s.image())).findFirst().orElseThrow();
        String href = (String) driver.executeScript("return document.querySelector('#hover-panel image').getAttribute('href');");
        assertEquals("data:image/png;base64," + ReportWriterTest.base64(run.dir().resolve(image.thumbnail())), href);
        HeadlessChrome.screenshot(driver, "hover");
        new Actions(driver).moveToElement(driver.findElement(By.id("banner"))).perform();
        assertFalse(panel.isDisplayed(), "panel closes when the pointer leaves an unpinned tile");
    }

    @Test
    void locationHeatMapsPlaceEachSegmentWhereItCameFrom() {
        HeadlessChrome.open(driver, report, "location");
        assertEquals(2 * result().clusters().size(), driver.findElements(By.cssSelector("#view-location svg.heatmap")).size());
        assertEquals("count", new Select(driver.findElement(By.id("location-weight"))).getFirstSelectedOption().getAttribute("value"));
        assertLocationMaps(false);
    }

    /** Weighted by attribution (issue 11), then back to counts: each cell against the result. */
    @Test
    void locationHeatMapsWeighByAttribution() {
        HeadlessChrome.open(driver, report, "location");
        new Select(driver.findElement(By.id("location-weight"))).selectByValue("attribution");
        assertEquals("attribution", driver.findElement(By.cssSelector("#view-location svg.heatmap")).getAttribute("data-weight"));
        assertLocationMaps(true);
        new Select(driver.findElement(By.id("location-weight"))).selectByValue("count");
        assertLocationMaps(false);
    }

    /** A 4x4 grid cell covers exactly 2x2 cells of the 8x8 map: a quarter of the segment's weight each. */
    static void assertLocationMaps(boolean byAttribution) {
        for (ClusterSummary c : result().clusters())
            for (Role m : Role.values()) {
                double[] expected = new double[64];
                for (SegmentEntry s : result().segments())
                    if (s.cluster() == c.id() && s.model().equals(m)) {
                        double w = byAttribution ? Math.max(0, s.attribution()) : 1;
                        int gi = s.workingBox().y() / SyntheticRun.CELL, gj = s.workingBox().x() / SyntheticRun.CELL;
                        for (int di = 0; di < 2; di++) for (int dj = 0; dj < 2; dj++) expected[(2 * gi + di) * 8 + 2 * gj + dj] += w / 4;
                    }
                List<String> v = attrs("#view-location .cluster[data-cluster='" + c.id() + "'] svg.heatmap[data-model='" + m + "'] rect.heat-cell", "data-v");
                assertEquals(64, v.size());
                for (int k = 0; k < 64; k++) assertEquals(expected[k], Double.parseDouble(v.get(k)), 2e-4, "cluster " + c.id() + " " + m + " cell " + k);
            }
    }

    @Test
    void hostileNamesAreShownAsTextAndInjectNothing() throws Exception {
        SyntheticRun bad = SyntheticRun.create(work.resolve("hostile"), 8, 5, 3, 5, SyntheticRun.Names.HOSTILE);
        Path html = ReportWriter.write(bad.result(), bad.dir());
        for (String view : FigureExporter.VIEWS) {
            HeadlessChrome.open(driver, html, view);
            assertEquals(List.of(), HeadlessChrome.errors(driver), view);
            assertEquals(0L, ((Number) driver.executeScript("return document.querySelectorAll('.pwn, #view-run script, main script').length;")).longValue());
            assertEquals(null, driver.executeScript("return window.__pwned === undefined ? null : window.__pwned;"));
        }
        HeadlessChrome.open(driver, html, "concept");
        String target = SyntheticRun.Names.HOSTILE.target();
        assertEquals(target, driver.findElement(By.id("target-class")).getText());
        assertTrue(driver.getTitle().endsWith(target), driver.getTitle());
        WebElement tile = driver.findElement(By.cssSelector("#view-concept .tile"));
        SegmentEntry s = bad.result().segments().get(Integer.parseInt(tile.getAttribute("data-segment")));
        new Actions(driver).moveToElement(tile).perform();
        String panelImage = (String) driver.executeScript("return document.querySelector('#hover-panel dd').textContent;");
        assertEquals(s.image(), panelImage, "the hostile file name is shown literally");
        String panelText = driver.findElement(By.id("hover-panel")).getText();
        assertTrue(panelText.contains(SyntheticRun.Names.HOSTILE.annotation()), panelText);
        assertTrue(driver.findElement(By.id("models")).getAttribute("textContent").contains(SyntheticRun.Names.HOSTILE.modelPath()));
    }

    @Test
    void runHeaderShowsParametersAccuracyAndShortfalls() {
        HeadlessChrome.open(driver, report, "run");
        var m = result().manifest();
        String params = driver.findElement(By.id("parameters")).getText();
        for (String k : m.parameters().keySet()) assertTrue(params.contains(k), k);
        for (Role model : Role.values()) {
            var s = m.sampling().get(model);
            for (String o : List.of("TP", "FP", "FN", "TN")) {
                WebElement cell = driver.findElement(By.cssSelector("#sampling td[data-model='" + model + "'][data-outcome='" + o + "']"));
                assertEquals(s.sampled().get(o) < s.requested().get(o), cell.getAttribute("class") != null && cell.getAttribute("class").contains("shortfall"));
                assertTrue(cell.getText().startsWith(s.sampled().get(o) + " / " + s.requested().get(o)));
            }
            String acc = String.format(java.util.Locale.ROOT, "%.1f%%", 100 * m.accuracy().get(model).overall());
            assertTrue(driver.findElement(By.id("accuracy")).getText().contains(acc));
        }
        assertTrue(driver.findElements(By.cssSelector("#alerts li")).size() >= m.warnings().size());
        assertFalse(driver.findElement(By.id("controls")).isDisplayed(), "no view controls on the run page");
    }
}
