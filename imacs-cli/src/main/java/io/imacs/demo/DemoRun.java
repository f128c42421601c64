package io.imacs.demo;

import io.imacs.cache.ContentHash;
import io.imacs.data.EvalSetLoader;
import io.imacs.djl.DjlClassifier;
import io.imacs.model.ImageClassifier;
import io.imacs.model.Preprocessor;
import io.imacs.pipeline.AttributionFactory;
import io.imacs.pipeline.ImacsConfig;
import io.imacs.pipeline.ImacsPipeline;
import io.imacs.progress.Progress;
import io.imacs.result.ImacsResult;
import io.imacs.result.RunManifest;
import io.imacs.segment.Segmenter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The demo's story in code: generate the watermark scenario, train (or load) A, B, U and E, then run
 * compare(A, B) and compare(A, U) on the watermarked evaluation set for the watermarked class.
 */
public final class DemoRun {
    /** One comparison of the demo: its directory name, what it asks, where it is written, and what it found. */
    public record Comparison(String name, String title, Path dir, ImacsResult result, WatermarkFindings findings) {}

    /** The comparisons (a-vs-b, a-vs-u, b-drift) and the models with their reports. */
    public record Outcome(DemoModels models, List<Comparison> comparisons, Map<String, Double> stageSeconds) {
        public Comparison get(String name) {
            return comparisons.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        }
    }

    private DemoRun() {}

    public static Outcome run(WatermarkScenario scenario, TrainingParams training, Path cacheDir, Path outDir,
                              ImacsConfig config, Segmenter segmenter, AttributionFactory attribution, Progress progress,
                              Consumer<String> log) throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t = System.nanoTime();
        log.accept("generating " + scenario.describe());
        ScenarioData data = scenario.generate();
        ScenarioData.Files files = data.write(outDir.resolve("data"));
        t = lap(seconds, "generate data", t);
        DemoModels models = DemoModels.loadOrTrain(data, training, cacheDir, log);
        t = lap(seconds, models.trained() ? "train A, B, U, E" : "load cached models", t);
        var watermarked = EvalSetLoader.load(files.evalWatermarked().resolve("labels.csv"), List.of());
        var clean = EvalSetLoader.load(files.evalClean().resolve("labels.csv"), "--data", List.of());
        Preprocessor ePre = new Preprocessor(models.e().spec());
        DemoEmbedder embedder = new DemoEmbedder(models);
        List<Comparison> done = new ArrayList<>();
        try (ImageClassifier a = DjlClassifier.of(models.a().model(), models.a().spec());
             ImageClassifier b = DjlClassifier.of(models.b().model(), models.b().spec());
             ImageClassifier u = DjlClassifier.of(models.u().model(), models.u().spec())) {
            ImacsPipeline pipeline = new ImacsPipeline(config, segmenter, attribution, progress);
            String[][] plan = {
                {"a-vs-b", "compare(A, B): A trained clean, B with the watermark on " + scenario.watermarkClass() + " (paper section 5)"},
                {"a-vs-u", "compare(A, U): U untrained (paper section 6.1)"},
                {"b-drift", "compare(B on clean images, B on watermarked images): one model, two datasets (paper section 8, future work)"}};
            for (String[] p : plan) {
                log.accept(p[1]);
                Path dir = outDir.resolve(p[0]);
                ImacsResult r = switch (p[0]) {
                    case "a-vs-b" -> pipeline.run(watermarked, new ImacsPipeline.Models(a, b, embedder, ePre), records(models.a(), models.b(), models), "demo", dir);
                    case "a-vs-u" -> pipeline.run(watermarked, new ImacsPipeline.Models(a, u, embedder, ePre), records(models.a(), models.u(), models), "demo", dir);
                    default -> pipeline.run(clean, watermarked, new ImacsPipeline.Models(b, b, embedder, ePre), records(models.b(), models.b(), models), "demo", dir);
                };
                done.add(new Comparison(p[0], p[1], dir, r, WatermarkFindings.of(r)));
                t = lap(seconds, p[0], t);
            }
        }
        return new Outcome(models, done, seconds);
    }

    private static long lap(Map<String, Double> seconds, String stage, long since) {
        long now = System.nanoTime();
        seconds.put(stage, (now - since) / 1e9);
        return now;
    }

    private static Map<String, RunManifest.ModelRecord> records(DemoModels.DemoModel first, DemoModels.DemoModel second, DemoModels m) throws IOException {
        Map<String, RunManifest.ModelRecord> r = new LinkedHashMap<>();
        r.put("A", record(first));
        r.put("B", record(second));
        r.put("embedder", record(m.e()));
        return r;
    }

    private static RunManifest.ModelRecord record(DemoModels.DemoModel m) throws IOException {
        return new RunManifest.ModelRecord(m.paramsFile().toString(), "djl-block " + m.name(), ContentHash.sha256(m.paramsFile()),
            m.spec().inputSize(), m.spec().classes());
    }
}
