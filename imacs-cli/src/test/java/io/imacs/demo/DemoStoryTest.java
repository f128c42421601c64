package io.imacs.demo;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.cli.AnalysisOptions;
import io.imacs.pipeline.ImacsConfig;
import io.imacs.progress.Progress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What the demo must show (issue 5), on a configuration small enough for CI: the cluster where A and B
 * differ most is the watermark (paper section 5), and an untrained model attributes next to nothing
 * (paper section 6.1). It trains its four small models from scratch (about 20 s on two cores).
 */
class DemoStoryTest {
    @TempDir Path tmp;

    @Test void watermarkClusterAndUntrainedModel() throws Exception {
        WatermarkScenario scenario = WatermarkScenario.flowers().withCounts(120, 40);
        TrainingParams d = TrainingParams.defaults();
        AnalysisOptions analysis = new AnalysisOptions();
        new CommandLine(analysis).parseArgs("--images-per-model", "24", "--clusters", "6", "--gig-steps", "8", "--output", "logit");
        ImacsConfig config = analysis.config(scenario.watermarkClass());
        DemoRun.Outcome r = DemoRun.run(scenario, new TrainingParams(5, d.batchSize(), d.learningRate(), d.seed(), d.embedderCrops(), d.embedderEpochs()),
            tmp.resolve("cache"), tmp.resolve("out"), config, analysis.segmenter(), analysis.attribution(), Progress.NONE, m -> {});
        try (DemoModels models = r.models()) {
            WatermarkFindings ab = r.get("a-vs-b").findings();
            assertTrue(ab.bWatermarkShare() >= 0.7, "B's segments in the most imbalanced cluster on a watermark: " + ab);
            assertTrue(ab.meanB() > ab.meanA(), "B attributes more than A there: " + ab);
            WatermarkFindings au = r.get("a-vs-u").findings();
            assertTrue(au.meanAbsB() < 0.1 * au.meanAbsA(), "untrained U's mean |attribution| below 10% of A's: " + au);
            // section 6.2: B on clean images vs B on watermarked images: the shift is the watermark
            WatermarkFindings drift = r.get("b-drift").findings();
            assertTrue(drift.bWatermarkShare() >= 0.7 && drift.meanB() > drift.meanA(), "B's drift cluster is the watermark: " + drift);
            r.get("b-drift").result().segments().forEach(s -> assertTrue(s.image().startsWith(s.model() + "/"), s.image()));
        }
    }
}
