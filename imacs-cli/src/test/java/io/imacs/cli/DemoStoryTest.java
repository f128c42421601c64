package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.comparison.Analysis;
import io.imacs.demo.ClassifierReport;
import io.imacs.demo.DemoModels;
import io.imacs.demo.DemoRun;
import io.imacs.demo.DemoScenario;
import io.imacs.demo.DomainShiftScenario;
import io.imacs.demo.FashionMnist;
import io.imacs.demo.ShortcutFindings;
import io.imacs.demo.TrainingParams;
import io.imacs.demo.WatermarkScenario;
import io.imacs.model.Role;
import io.imacs.pipeline.ImacsConfig;
import io.imacs.progress.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the demo must show (issues 5, 10 and 11), checked as a finding and not as one lucky run: on both scenarios
 * (generated flowers, real Fashion-MNIST) and three scenario seeds each, on the demo's code path and analysis
 * defaults at a size small enough for CI, the top cluster of compare(A, B) holds at least 90% watermark segments
 * of B, with B's mean attribution above A's (paper section 5); an untrained model attributes next to nothing
 * (paper section 6.1; checked on flowers: Fashion-MNIST's A is 71-76% accurate, its logits are small and U's
 * share of them is 8-14%, docs/faithfulness.md); and B's drift between clean and watermarked images is the
 * watermark (checked on flowers). Every case trains its four models from scratch on one thread (flowers at 120 training images per
 * class, about 1.5 minutes on two cores; Fashion-MNIST at the demo's 300, whose shortcut is not reliable with
 * fewer: about 4 minutes). And the paper's section 6.2 (two models trained on different datasets, the domain-shift
 * study) on two scenario seeds: the top cluster is the background that the studio-trained model relies on.
 */
class DemoStoryTest {
    @TempDir Path tmp;

    @ParameterizedTest(name = "{0}, scenario seed {1}")
    @CsvSource({"flowers, 42", "flowers, 1", "flowers, 2", "fashion-mnist, 42", "fashion-mnist, 1", "fashion-mnist, 2"})
    void topClusterIsTheWatermarkAndUntrainedModelAttributesNothing(String dataset, long seed) throws Exception {
        boolean flowers = dataset.equals("flowers");
        if (!flowers) io.imacs.testing.Requirement.DATASETS.check(FashionMnist.isInstalled(FashionMnist.DEFAULT_DIR));
        WatermarkScenario scenario = (flowers ? WatermarkScenario.flowers().withCounts(120, 40)
            : WatermarkScenario.fashionMnist(FashionMnist.DEFAULT_DIR).withCounts(300, 40)).withSeed(seed);
        // the demo's own analysis defaults, only smaller: fewer images per model and Guided IG steps; 5 epochs
        TrainingParams d = TrainingParams.defaults();
        DemoRun.Outcome r = runDemo(scenario, "watermark", Map.of("--images-per-model", "24", "--gig-steps", "8"),
            new TrainingParams(5, d.batchSize(), d.learningRate(), d.seed(), d.embedderCrops(), d.embedderEpochs()));
        try (DemoModels models = r.models()) {
            ShortcutFindings ab = r.get("a-vs-b").findings(), au = r.get("a-vs-u").findings(), drift = r.get("b-drift").findings();
            assertAll(
                () -> assertTrue(ab.bShortcutShare() >= 0.9, "B's segments in the top cluster on a watermark: " + ab),
                () -> assertTrue(ab.meanB() > ab.meanA(), "B attributes more than A there: " + ab),
                // issue 12: the report's first sentence says so, and names the cluster from the watermark box annotation
                () -> firstFindingIsBOnTheTopCluster(r.get("a-vs-b").result(), ab),
                () -> assertEquals("watermark", r.get("a-vs-b").result().findings().get(0).label().annotation(), r.get("a-vs-b").result().findings().get(0).text()),
                () -> assertNull(r.get("a-vs-b").result().findings().get(0).label().value(), "the box, not a column's value"),
                () -> assertTrue(!flowers || au.meanAbsB() < 0.1 * au.meanAbsA(), "untrained U's mean |attribution| below 10% of A's: " + au),
                // one model on two datasets (paper section 8): B on clean vs watermarked images: the shift is the watermark
                // on Fashion-MNIST the drift's top cluster mixes the watermark with garment parts (0.42 and 0.75 on seeds
                // 42 and 1 at this size; docs/faithfulness.md): not yet a finding this test can promise there
                () -> assertTrue(!flowers || drift.bShortcutShare() >= 0.9 && drift.meanB() > drift.meanA(), "B's drift cluster is the watermark: " + drift),
                () -> r.get("b-drift").result().segments().forEach(s -> assertTrue(s.image().startsWith(s.model() + "/"), s.image())));
        }
    }

    /**
     * The paper's section 6.2 (issue 11): A trained on photographs, B on studio shots (a backdrop per class, sky blue for
     * sunflowers, on half of each class's shots), both evaluated on photographs. B fails to transfer (at least 20 points
     * lower on photographs than on its studio shots), and the top cluster of compare(A, B) is the background: at least 90%
     * of B's segments there are background, and B's mean attribution there is above A's. Exactly the demo (its data,
     * training and analysis defaults, about 6 minutes a seed): at 120 training images per class, B relied on the
     * background too little for any order to find it (docs/faithfulness.md, section 6.2).
     */
    @ParameterizedTest(name = "domain shift, scenario seed {0}")
    @CsvSource({"42", "1"})
    void topClusterIsTheBackgroundTheShiftedModelReliesOn(long seed) throws Exception {
        DomainShiftScenario scenario = DomainShiftScenario.flowers().withSeed(seed);
        DemoRun.Outcome r = runDemo(scenario, "domain-shift", Map.of(), TrainingParams.defaults());
        try (DemoModels models = r.models()) {
            ClassifierReport b = models.classifierReports().get(1);
            ShortcutFindings ab = r.get("a-vs-b").findings();
            assertAll(
                () -> assertTrue(b.evalAccuracy() < b.referenceAccuracy() - 0.2, "B fails to transfer to photographs: " + b),
                () -> assertTrue(ab.bShortcutShare() >= 0.9, "B's segments in the top cluster are background: " + ab),
                () -> assertTrue(ab.meanB() > ab.meanA(), "B values the background more than A: " + ab),
                () -> firstFindingIsBOnTheTopCluster(r.get("a-vs-b").result(), ab));
        }
    }

    /** The first finding in words is the top cluster's, and says B relies on it more than A. */
    private static void firstFindingIsBOnTheTopCluster(io.imacs.result.ImacsResult result, ShortcutFindings ab) {
        assertFalse(result.findings().isEmpty(), "no finding holds");
        io.imacs.result.Finding first = result.findings().get(0);
        assertEquals(ab.cluster(), first.cluster(), first.text());
        assertEquals(Role.B, first.more(), first.text());
        assertTrue(first.text().startsWith("B relies more than A on cluster " + ab.cluster()), first.text());
    }

    /** The demo's code path with its analysis defaults and the study's, changed only by {@code overrides}. */
    private DemoRun.Outcome runDemo(DemoScenario scenario, String study, Map<String, String> overrides, TrainingParams training) throws Exception {
        Map<String, String> options = new TreeMap<>(DemoCommand.Defaults.DEMO);
        options.putAll(DemoCommand.Defaults.STUDY.get(study));
        options.putAll(overrides);
        List<String> args = new ArrayList<>();
        options.forEach((k, v) -> { args.add(k); args.add(v); });
        Analysis analysis = DemoCommand.analysis(args.toArray(String[]::new));
        ImacsConfig config = analysis.config(scenario.targetClass());
        return DemoRun.run(scenario, training, tmp.resolve("cache"), tmp.resolve("out"), config, analysis.segmenter(), analysis.attribution(),
            Progress.NONE, m -> {});
    }
}
