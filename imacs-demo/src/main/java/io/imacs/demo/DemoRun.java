package io.imacs.demo;

import io.imacs.cache.ContentHash;
import io.imacs.count.CountingClassifier;
import io.imacs.count.PassCounter;
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
import io.imacs.segment.Box;
import io.imacs.segment.Segmenter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * The demo's story in code: generate the scenario (the watermark study or the domain-shift study), train (or load)
 * A, B, U and E, then run compare(A, B) and compare(A, U) on the evaluation set for the target class, and B on the
 * reference set against B on the evaluation set.
 */
public final class DemoRun {
    /**
     * One comparison of the demo: its directory name, what it asks, where it is written, what it found, and the
     * classifiers' passes it took (forward only, and forward with backward: the rankings' gradients).
     */
    public record Comparison(String name, String title, Path dir, ImacsResult result, ShortcutFindings findings, PassCounter.Tally passes) {}

    /** The comparisons (a-vs-b, a-vs-u, b-drift) and the models with their reports. */
    public record Outcome(DemoModels models, List<Comparison> comparisons, Map<String, Double> stageSeconds) {
        public Comparison get(String name) {
            return comparisons.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        }
    }

    private DemoRun() {}

    public static Outcome run(DemoScenario scenario, TrainingParams training, Path cacheDir, Path outDir,
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
        var eval = EvalSetLoader.load(files.eval().resolve("labels.csv"), List.of());
        var reference = EvalSetLoader.load(files.reference().resolve("labels.csv"), "data", List.of());
        Preprocessor ePre = new Preprocessor(models.e().spec());
        DemoEmbedder embedder = new DemoEmbedder(models);
        // what the generator knows about each image compare saw; b-drift's ids carry their dataset's side
        BiPredicate<String, Box> onEval = (id, box) -> shows(scenario, files.evalById().get(id), box);
        BiPredicate<String, Box> onDrift = (id, box) -> shows(scenario,
            id.startsWith("A/") ? files.referenceById().get(id.substring(2)) : files.evalById().get(id.substring(2)), box);
        List<Comparison> done = new ArrayList<>();
        PassCounter counter = new PassCounter();
        try (ImageClassifier a = new CountingClassifier(DjlClassifier.of(models.a().model(), models.a().spec()), counter);
             ImageClassifier b = new CountingClassifier(DjlClassifier.of(models.b().model(), models.b().spec()), counter);
             ImageClassifier u = new CountingClassifier(DjlClassifier.of(models.u().model(), models.u().spec()), counter)) {
            ImacsPipeline pipeline = new ImacsPipeline(config, segmenter, attribution, progress);
            List<String> names = List.of("a-vs-b", "a-vs-u", "b-drift");
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i), title = String.format(scenario.wording().title().get(i), scenario.targetClass());
                log.accept(title);
                Path dir = outDir.resolve(name);
                counter.stage(name);
                ImacsResult r = switch (name) {
                    case "a-vs-b" -> pipeline.run(eval, new ImacsPipeline.Models(a, b, embedder, ePre), records(models.a(), models.b(), models), "demo", dir);
                    case "a-vs-u" -> pipeline.run(eval, new ImacsPipeline.Models(a, u, embedder, ePre), records(models.a(), models.u(), models), "demo", dir);
                    default -> pipeline.run(reference, eval, new ImacsPipeline.Models(b, b, embedder, ePre), records(models.b(), models.b(), models), "demo", dir);
                };
                done.add(new Comparison(name, title, dir, r, ShortcutFindings.of(r, name.equals("b-drift") ? onDrift : onEval),
                    counter.byStage().getOrDefault(name, new PassCounter.Tally(0, 0, 0, 0, 0))));
                t = lap(seconds, name, t);
            }
        }
        return new Outcome(models, done, seconds);
    }

    private static boolean shows(DemoScenario scenario, DemoSample sample, Box box) {
        return sample != null && scenario.showsShortcut(sample, box);
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
