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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The demo's story in code: generate the watermark scenario, train (or load) A, B, U and E, then run
 * compare(A, B) and compare(A, U) on the watermarked evaluation set for the watermarked class.
 */
public final class DemoRun {
    /** Both comparisons and the models' reports. */
    public record Outcome(DemoModels models, ImacsResult abResult, ImacsResult auResult, Path abDir, Path auDir,
                          WatermarkFindings ab, WatermarkFindings au, Map<String, Double> stageSeconds) {}

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
        Path eval = files.evalWatermarked().resolve("labels.csv");
        var evalSet = EvalSetLoader.load(eval, List.of());
        Preprocessor ePre = new Preprocessor(models.e().spec());
        DemoEmbedder embedder = new DemoEmbedder(models);
        Path ab = outDir.resolve("a-vs-b"), au = outDir.resolve("a-vs-u");
        ImacsResult abResult, auResult;
        try (ImageClassifier a = DjlClassifier.of(models.a().model(), models.a().spec());
             ImageClassifier b = DjlClassifier.of(models.b().model(), models.b().spec());
             ImageClassifier u = DjlClassifier.of(models.u().model(), models.u().spec())) {
            ImacsPipeline pipeline = new ImacsPipeline(config, segmenter, attribution, progress);
            log.accept("compare(A, B): A clean, B trained with the watermark on " + scenario.watermarkClass());
            abResult = pipeline.run(evalSet, new ImacsPipeline.Models(a, b, embedder, ePre), records(models, models.b()), "demo", ab);
            t = lap(seconds, "compare(A, B)", t);
            log.accept("compare(A, U): U untrained (the paper's section 6.1 check)");
            auResult = pipeline.run(evalSet, new ImacsPipeline.Models(a, u, embedder, ePre), records(models, models.u()), "demo", au);
            lap(seconds, "compare(A, U)", t);
        }
        return new Outcome(models, abResult, auResult, ab, au, WatermarkFindings.of(abResult), WatermarkFindings.of(auResult), seconds);
    }

    private static long lap(Map<String, Double> seconds, String stage, long since) {
        long now = System.nanoTime();
        seconds.put(stage, (now - since) / 1e9);
        return now;
    }

    private static Map<String, RunManifest.ModelRecord> records(DemoModels m, DemoModels.DemoModel second) throws IOException {
        Map<String, RunManifest.ModelRecord> r = new LinkedHashMap<>();
        r.put("A", record(m.a()));
        r.put("B", record(second));
        r.put("embedder", record(m.e()));
        return r;
    }

    private static RunManifest.ModelRecord record(DemoModels.DemoModel m) throws IOException {
        return new RunManifest.ModelRecord(m.paramsFile().toString(), "djl-block " + m.name(), ContentHash.sha256(m.paramsFile()),
            m.spec().inputSize(), m.spec().classes());
    }
}
