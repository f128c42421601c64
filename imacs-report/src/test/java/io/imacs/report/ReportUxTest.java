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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Issue 12, the report's UX review: landing view, headers, overview, inputs, accessibility, hover panel, heat map scale. */
class ReportUxTest extends SyntheticReportBrowser {
    static final Dimension WINDOW = new Dimension(1400, 1000);

    @AfterEach
    void windowBack() {
        if (driver != null && !driver.manage().window().getSize().equals(WINDOW)) driver.manage().window().setSize(WINDOW);
    }

    static List<Integer> ids(String selector) {
        return ids(selector, "data-segment");
    }

    /** The report's number format: sign for positives, three decimals. */
    static String fmt(Double v) {
        if (v == null) return "\u2014"; // a model without segments: no mean
        return (v > 0 ? "+" : "") + String.format(Locale.ROOT, "%.3f", v);
    }

    @SuppressWarnings("unchecked")
    static List<Double> rect(WebElement e) {
        return ((List<Number>) driver.executeScript("const r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom];", e))
            .stream().map(Number::doubleValue).toList();
    }

    static boolean intersect(List<Double> a, List<Double> b) {
        return a.get(0) < b.get(2) && b.get(0) < a.get(2) && a.get(1) < b.get(3) && b.get(1) < a.get(3);
    }

    // ---------- 1. landing ----------
    @Test
    void opensOnTheConceptClustersTab() {
        HeadlessChrome.open(driver, report, null);
        WebElement tab = driver.findElement(By.id("tab-concept"));
        assertEquals("Concept clusters", tab.getText());
        assertEquals("true", tab.getAttribute("aria-selected"));
        assertTrue(driver.findElement(By.id("view-concept")).isDisplayed());
        for (String v : FigureExporter.VIEWS)
            if (!v.equals("concept")) {
                assertFalse(driver.findElement(By.id("view-" + v)).isDisplayed(), v);
                assertEquals("false", driver.findElement(By.id("tab-" + v)).getAttribute("aria-selected"), v);
            }
    }

    // ---------- 2. histogram headers ----------
    @Test
    void histogramHeadersShowEachModelsMeanAndTheDifferenceTest() {
        HeadlessChrome.open(driver, report, "histogram");
        for (ClusterSummary c : result().clusters()) {
            String base = "#view-histogram .cluster[data-cluster='" + c.id() + "'] .hlabel ";
            String means = driver.findElement(By.cssSelector(base + ".means")).getText();
            for (Role m : Role.values())
                assertTrue(means.contains(m + ": " + c.count().get(m) + " (mean " + fmt(c.mean().get(m)) + ")"), means);
            if (c.difference() == null) continue;
            WebElement note = driver.findElement(By.cssSelector(base + ".diff"));
            assertEquals(c.difference().pValue(), Double.parseDouble(note.getAttribute("data-p")), 1e-12);
            assertTrue(note.getText().contains("p "), note.getText());
            assertTrue(note.getText().contains(c.difference().holds() ? "(holds)" : "(could be chance)"), note.getText());
        }
    }

    // ---------- 3. overview ----------
    @Test
    void overviewShowsEveryClusterOnOneScreenAt1400px() throws Exception {
        SyntheticRun many = SyntheticRun.create(work.resolve("eight"), 40, 5, 8, 7, SyntheticRun.Names.PLAIN);
        Path html = ReportWriter.write(many.result(), many.dir());
        HeadlessChrome.open(driver, html, null);
        long height = ((Number) driver.executeScript("return window.innerHeight;")).longValue();
        List<WebElement> rows = driver.findElements(By.cssSelector("#concept-overview .orow"));
        assertEquals(many.result().clusters().size(), rows.size());
        for (WebElement row : rows) {
            assertTrue(rect(row).get(3) <= height, "cluster " + row.getAttribute("data-cluster") + " on the first screen");
            String id = row.getAttribute("data-cluster");
            for (Role m : Role.values()) {
                // the top tiles: the first of the cluster's full row, in the same order
                List<Integer> top = ids("#concept-overview .orow[data-cluster='" + id + "'] .ostrip[data-model='" + m + "'] .otile");
                List<Integer> all = ids("#view-concept .cluster[data-cluster='" + id + "'] .crow[data-model='" + m + "'] .tile");
                assertTrue(top.size() >= Math.min(3, all.size()), "at least 3 tiles shown per model");
                assertEquals(all.subList(0, top.size()), top);
            }
        }
        HeadlessChrome.screenshot(driver, "overview-8-clusters");
        // a cluster's name leads to its full rows and plots
        WebElement last = rows.get(rows.size() - 1);
        last.findElement(By.cssSelector(".ogo")).click();
        WebElement sec = driver.findElement(By.id("concept-cluster-" + last.getAttribute("data-cluster")));
        List<Double> r = rect(sec);
        assertTrue(r.get(1) >= 0 && r.get(1) < height, "section scrolled into view: " + r);
        assertEquals(List.of(), HeadlessChrome.errors(driver));
    }

    // ---------- 4. inputs ----------
    Predicate<SegmentEntry> disagreeing(double t) {
        Map<String, ImageEntry> images = new HashMap<>();
        result().images().forEach(i -> images.put(i.id(), i));
        return s -> {
            var p = images.get(s.image()).predictions();
            return Math.abs(p.get(Role.A).targetProbability() - p.get(Role.B).targetProbability()) >= t;
        };
    }

    static void waitForTiles(long n) {
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector("#view-concept .tile")).size() == n);
    }

    @Test
    void disagreementFilterAppliesWhileTypingAndClampsToZeroOne() {
        HeadlessChrome.open(driver, report, "concept");
        WebElement t = driver.findElement(By.id("filter-disagree"));
        t.clear();
        t.sendKeys("0.5"); // no Enter, no Tab: no change event
        long expected = result().segments().stream().filter(disagreeing(0.5)).count();
        assertTrue(expected > 0 && expected < result().segments().size());
        waitForTiles(expected);
        assertTrue(ids("#view-concept .tile").stream().allMatch(id -> disagreeing(0.5).test(segs.get(id))));
        // above 1: clamped to 1, which no image reaches here: a clear empty state
        t.sendKeys(Keys.chord(Keys.CONTROL, "a"), "7", Keys.TAB);
        assertEquals("1", t.getAttribute("value"));
        WebElement empty = driver.findElement(By.cssSelector("#view-concept .empty-state"));
        assertTrue(empty.isDisplayed());
        assertTrue(empty.getText().contains("no segments match"), empty.getText());
        // below 0: clamped to 0, everything again
        t.sendKeys(Keys.chord(Keys.CONTROL, "a"), "-3", Keys.TAB);
        assertEquals("0", t.getAttribute("value"));
        waitForTiles(result().segments().size());
        assertEquals(0, driver.findElements(By.cssSelector("#view-concept .empty-state")).size());
        assertEquals(List.of(), HeadlessChrome.errors(driver));
    }

    @Test
    void emptyStateInEveryViewWhenFiltersLeaveNothing() {
        HeadlessChrome.open(driver, report, "concept");
        typeInto("filter-disagree", "1");
        for (String v : List.of("histogram", "concept", "confusion", "location")) {
            driver.findElement(By.id("tab-" + v)).click();
            assertTrue(driver.findElement(By.cssSelector("#view-" + v + " .empty-state")).getText().contains("no segments match"), v);
        }
    }

    @Test
    void enterInTheKFieldReclusters() {
        HeadlessChrome.open(driver, report, "concept");
        AlternativeClustering alt = result().clusterings().stream().filter(a -> a.k() == 2).findFirst().orElseThrow();
        WebElement k = driver.findElement(By.id("recluster-k"));
        k.clear();
        k.sendKeys("2", Keys.ENTER);
        Map<Integer, Integer> expected = new HashMap<>();
        for (int i = 0; i < result().segments().size(); i++) expected.put(result().segments().get(i).id(), alt.cluster().get(i));
        Map<Integer, Integer> shown = new HashMap<>();
        for (WebElement sec : driver.findElements(By.cssSelector("#view-concept .cluster[data-cluster]")))
            for (WebElement tile : sec.findElements(By.cssSelector(".tile")))
                shown.put(Integer.parseInt(tile.getAttribute("data-segment")), Integer.parseInt(sec.getAttribute("data-cluster")));
        assertEquals(expected, shown);
        assertTrue(driver.findElement(By.id("filter-status")).getText().contains("k = 2"));
    }

    @Test
    void runTabNamesTheModelOnceInEachShortfall() {
        HeadlessChrome.open(driver, report, "run");
        String sampling = driver.findElement(By.id("sampling")).getText();
        boolean any = false;
        for (Role m : Role.values()) {
            assertFalse(sampling.contains(m + ": " + m + ":"), sampling);
            for (String s : result().manifest().sampling().get(m).shortfalls()) {
                assertTrue(s.startsWith(m + ": "), "test data words shortfalls as the sampler does: " + s);
                assertTrue(sampling.contains("Model " + s), sampling);
                any = true;
            }
        }
        assertTrue(any, "test data must have shortfalls");
    }

    // ---------- 5. accessibility ----------
    @Test
    void tilesAreFocusableLabelledBadgedAndOpenOnEnter() {
        HeadlessChrome.open(driver, report, "concept");
        List<WebElement> tiles = driver.findElements(By.cssSelector("#view-concept .tile"));
        for (WebElement t : tiles.subList(0, 20)) {
            SegmentEntry s = segs.get(Integer.valueOf(t.getAttribute("data-segment")));
            assertEquals("0", t.getAttribute("tabindex"));
            String label = t.getAttribute("aria-label");
            for (String part : List.of("model " + s.model(), s.image(), fmt(s.attribution())))
                assertTrue(label.contains(part), label + " lacks " + part);
            assertTrue(label.matches(".*(true|false) (positive|negative).*"), label);
        }
        // outcome in words on every tile of every view, not by colour alone
        for (String v : List.of("concept", "histogram", "confusion")) {
            HeadlessChrome.open(driver, report, v);
            @SuppressWarnings("unchecked")
            List<List<String>> badges = (List<List<String>>) driver.executeScript("return [...document.querySelectorAll('#view-" + v
                + " .tile')].map(t => [t.dataset.outcome, (t.querySelector('.obadge') || {}).textContent]);");
            assertFalse(badges.isEmpty());
            for (List<String> b : badges) assertEquals(b.get(0), b.get(1), v);
        }
        HeadlessChrome.open(driver, report, "concept");
        WebElement tile = driver.findElement(By.cssSelector("#view-concept .crow[data-model='B'] .tile"));
        driver.executeScript("arguments[0].focus();", tile);
        WebElement panel = driver.findElement(By.id("hover-panel"));
        assertFalse(panel.isDisplayed());
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        assertTrue(panel.isDisplayed());
        assertEquals(tile.getAttribute("data-segment"), panel.getAttribute("data-segment"));
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
        assertFalse(panel.isDisplayed(), "Escape closes the panel");
        // the close button is named, and closing with it returns focus to the tile
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        WebElement close = panel.findElement(By.cssSelector(".hp-close"));
        assertFalse(close.getAttribute("aria-label").isBlank());
        close.click();
        assertFalse(panel.isDisplayed());
    }

    @Test
    void tabsFollowTheAriaTabsPatternWithArrowKeys() {
        HeadlessChrome.open(driver, report, "concept");
        assertEquals("tablist", driver.findElement(By.id("tabs")).getAttribute("role"));
        for (String v : FigureExporter.VIEWS) {
            WebElement tab = driver.findElement(By.id("tab-" + v));
            assertEquals("tab", tab.getAttribute("role"));
            assertEquals("view-" + v, tab.getAttribute("aria-controls"));
            WebElement panel = driver.findElement(By.id("view-" + v));
            assertEquals("tabpanel", panel.getAttribute("role"));
            assertEquals("tab-" + v, panel.getAttribute("aria-labelledby"));
            assertEquals(v.equals("concept") ? "0" : "-1", tab.getAttribute("tabindex"), "one tab stop: the selected tab");
        }
        driver.findElement(By.id("tab-concept")).click();
        new Actions(driver).sendKeys(Keys.ARROW_RIGHT).perform();
        assertEquals("tab-confusion", driver.switchTo().activeElement().getAttribute("id"));
        assertEquals("true", driver.findElement(By.id("tab-confusion")).getAttribute("aria-selected"));
        assertTrue(driver.findElement(By.id("view-confusion")).isDisplayed());
        new Actions(driver).sendKeys(Keys.ARROW_LEFT, Keys.ARROW_LEFT).perform();
        assertEquals("tab-histogram", driver.switchTo().activeElement().getAttribute("id"));
        assertTrue(driver.findElement(By.id("view-histogram")).isDisplayed());
        new Actions(driver).sendKeys(Keys.ARROW_LEFT, Keys.ARROW_LEFT).perform(); // wraps around
        assertEquals("tab-location", driver.switchTo().activeElement().getAttribute("id"));
    }

    @Test
    void everyChartIsAnImageWithAName() {
        for (String v : List.of("concept", "location")) {
            HeadlessChrome.open(driver, report, v);
            List<String> roles = attrs("#view-" + v + " svg", "role");
            assertFalse(roles.isEmpty());
            assertTrue(roles.stream().allMatch("img"::equals), v + ": " + roles);
            assertTrue(attrs("#view-" + v + " svg", "aria-label").stream().allMatch(l -> l != null && l.length() > 10), v);
        }
        HeadlessChrome.open(driver, report, "concept");
        new Actions(driver).moveToElement(driver.findElement(By.cssSelector("#view-concept .tile"))).perform();
        assertEquals("img", attrs("#hover-panel svg", "role").get(0));
    }

    static final Pattern RGB = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)");

    static double luminance(String css) {
        Matcher m = RGB.matcher(css);
        assertTrue(m.find(), css);
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(m.group(i + 1)) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    static double contrast(String fg, String bg) {
        double a = luminance(fg), b = luminance(bg);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    static String css(String selector, String property) {
        return (String) driver.executeScript("return getComputedStyle(document.querySelector(arguments[0]))[arguments[1]];", selector, property);
    }

    /** WCAG AA, 1.4.3: model colours as text (row labels, the Run tab's roles) and the outcome badges, 4.5:1 at least. */
    @Test
    void modelAndOutcomeColoursMeetWcagAaContrast() {
        HeadlessChrome.open(driver, report, "concept");
        String page = css("body", "backgroundColor");
        for (Role m : Role.values()) {
            String c = css("#view-concept .crow[data-model='" + m + "'] .row-label", "color");
            assertTrue(contrast(c, page) >= 4.5, "model " + m + " " + c + ": " + contrast(c, page));
        }
        for (String o : List.of("TP", "FP", "FN", "TN")) {
            String sel = "#view-concept .tile[data-outcome='" + o + "'] .obadge";
            double r = contrast(css(sel, "color"), css(sel, "backgroundColor"));
            assertTrue(r >= 4.5, o + " badge: " + r);
        }
        HeadlessChrome.open(driver, report, "run");
        String c = css("#models .role-A", "color");
        assertTrue(contrast(c, page) >= 4.5, "Run tab's A: " + c);
    }

    static String axe() throws IOException {
        try (InputStream in = ReportUxTest.class.getResourceAsStream("axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** axe-core (Deque, MPL-2.0) in every view, with the hover panel open: no serious or critical violation. */
    @Test
    void axeFindsNoSeriousOrCriticalViolations() throws Exception {
        String axe = axe();
        for (String v : FigureExporter.VIEWS) {
            HeadlessChrome.open(driver, report, v);
            if (!v.equals("run")) {
                List<WebElement> tiles = driver.findElements(By.cssSelector("#view-" + v + " .tile"));
                if (!tiles.isEmpty()) { // pinned open, so the panel is checked too; centred, clear of the sticky axis
                    driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", tiles.get(0));
                    tiles.get(0).click();
                }
            }
            driver.executeScript(axe);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            String found = (String) driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations"
                + ".filter(x => x.impact === 'serious' || x.impact === 'critical')"
                + ".map(x => x.id + ' (' + x.impact + '): ' + x.help + ' at ' + x.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"
                + ".join('\\n')), e => done('axe failed: ' + e));");
            assertEquals("", found, v);
        }
    }

    // ---------- 6. hover panel ----------
    @Test
    void hoverPanelCoversNoControlsOrPlotsAt1024px() {
        driver.manage().window().setSize(new Dimension(1024, 768));
        for (String v : List.of("concept", "histogram")) {
            HeadlessChrome.open(driver, report, v);
            List<WebElement> tiles = driver.findElements(By.cssSelector("#view-" + v + " .tile"));
            for (WebElement tile : List.of(tiles.get(0), tiles.get(tiles.size() / 2), tiles.get(tiles.size() - 1))) {
                driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", tile);
                new Actions(driver).moveToElement(tile).perform();
                WebElement panel = driver.findElement(By.id("hover-panel"));
                assertTrue(panel.isDisplayed());
                assertEquals(tile.getAttribute("data-segment"), panel.getAttribute("data-segment"));
                List<Double> p = rect(panel);
                assertTrue(p.get(2) <= 1024 && p.get(0) >= 0, "within the window: " + p);
                assertFalse(intersect(p, rect(tile)), "panel over its own tile");
                for (WebElement c : driver.findElements(By.cssSelector("#controls label, #controls select, #controls input, #controls button")))
                    if (c.isDisplayed()) assertFalse(intersect(p, rect(c)), v + ": panel " + p + " over control " + c.getAttribute("id") + " " + rect(c));
                for (WebElement plot : driver.findElements(By.cssSelector("#view-" + v + " svg.plot")))
                    assertFalse(intersect(p, rect(plot)), v + ": panel over a plot");
                assertNotEquals("break-all", css("#hover-panel dd", "wordBreak"));
                for (String sel : List.of("#hover-panel dd", ".path"))
                    assertNotEquals("break-all", css(sel, "wordBreak"), sel);
            }
        }
    }

    // ---------- 7. heat map scale ----------
    @Test
    void heatMapsHaveAColourScaleWithTheirUnit() {
        HeadlessChrome.open(driver, report, "location");
        assertTrue(driver.findElement(By.cssSelector("#view-location > p.note")).getText().contains("segments per cell"));
        checkScales("count");
        new Select(driver.findElement(By.id("location-weight"))).selectByValue("attribution");
        assertTrue(driver.findElement(By.cssSelector("#view-location > p.note")).getText().contains("Shapley value (above 0) per cell"));
        checkScales("attribution");
    }

    static void checkScales(String by) {
        List<WebElement> figs = driver.findElements(By.cssSelector("#view-location figure"));
        assertEquals(2 * result().clusters().size(), figs.size());
        for (WebElement f : figs) {
            double max = f.findElements(By.cssSelector("rect.heat-cell")).stream()
                .mapToDouble(r -> Double.parseDouble(r.getAttribute("data-v"))).max().orElseThrow();
            WebElement legend = f.findElement(By.cssSelector(".heat-legend"));
            assertTrue(legend.isDisplayed());
            assertEquals("0", legend.getAttribute("data-min"));
            assertEquals(max, Double.parseDouble(legend.getAttribute("data-max")), 1e-3);
            assertEquals("0", legend.findElement(By.cssSelector(".heat-min")).getText());
            String shown = legend.findElement(By.cssSelector(".heat-max")).getText();
            assertEquals(max, Double.parseDouble(shown), by.equals("count") ? 0.0051 : max * 0.005 + 1e-9, shown);
            if (by.equals("count") && Math.abs(max - Math.round(max)) < 1e-6)
                assertEquals(String.valueOf(Math.round(max)), shown, "whole segments as whole numbers");
            assertTrue(f.findElement(By.cssSelector("svg.heatmap")).getAttribute("aria-label").contains(by.equals("count") ? "segments per cell" : "Shapley value"));
        }
    }
}
