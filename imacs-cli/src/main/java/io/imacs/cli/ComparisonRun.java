package io.imacs.cli;

import io.imacs.cache.ResultCache;
import io.imacs.cache.RunCache;
import io.imacs.count.CountingClassifier;
import io.imacs.count.CountingEmbedder;
import io.imacs.count.PassCounter;
import io.imacs.data.EvalSet;
import io.imacs.data.EvalSetLoader;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ImageEmbedder;
import io.imacs.model.ModelSpec;
import io.imacs.model.Preprocessor;
import io.imacs.model.Role;
import io.imacs.pipeline.ImacsConfig;
import io.imacs.pipeline.ImacsPipeline;
import io.imacs.progress.Progress;
import io.imacs.result.ImacsResult;
import io.imacs.result.RunManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One comparison as {@code compare} and {@code bench} run it: load the models (with ONNX twins), open the
 * result cache, run the pipeline, and count every model pass per stage.
 */
final class ComparisonRun {
    private ComparisonRun() {}

    /** What one comparison reads. */
    record Inputs(Path modelA, Path modelB, Path embedder, Path data, Path dataB, String targetClass, Map<String, String> specA,
                  Map<String, String> specB, Map<String, String> specE, List<String> filters) {}

    /** How it runs: {@code cacheDir} null = no cache; {@code twins} = forward passes on ONNX twins. */
    record Setup(Path out, Path cacheDir, boolean twins, Progress progress) {}

    /**
     * The result, the passes of the classifiers and of the embedder per stage, the wall time of each stage,
     * cache lookups per kind ([hits, misses]) and the whole run's seconds.
     */
    record Outcome(ImacsResult result, PassCounter classifierPasses, PassCounter embedderPasses,
                   Map<String, Double> stageSeconds, Map<String, int[]> cacheLookups, double seconds) {}

    static Outcome run(Inputs in, AnalysisOptions analysis, Setup setup) throws Exception {
        ImacsConfig config = analysis.config(in.targetClass());
        EvalSet evalSet = EvalSetLoader.load(in.data(), in.filters());
        EvalSet evalSetB = in.dataB() == null ? null : EvalSetLoader.load(in.dataB(), "--data-b", in.filters());
        Map<String, RunManifest.ModelRecord> records = new LinkedHashMap<>();
        // keyed by the roles' names, as the pipeline looks up the cache's model keys; the embedder is no role
        records.put(Role.A.name(), ModelLoader.record(in.modelA(), "--model-a", in.specA()));
        records.put(Role.B.name(), ModelLoader.record(in.modelB(), "--model-b", in.specB()));
        records.put("embedder", ModelLoader.record(in.embedder(), "--embedder", in.specE()));
        PassCounter classifiers = new PassCounter(), embedders = new PassCounter();
        StageTimer timer = new StageTimer(setup.progress(), List.of(classifiers, embedders));
        long t0 = System.nanoTime();
        Files.createDirectories(setup.out());
        try (ResultCache store = setup.cacheDir() == null ? ResultCache.NONE : SqliteCache.open(setup.cacheDir(), "--cache");
             ImageClassifier a = classifier(in.modelA(), "--model-a", in.specA(), setup);
             ImageClassifier b = classifier(in.modelB(), "--model-b", in.specB(), setup);
             ImageEmbedder e = setup.cacheDir() == null ? ModelLoader.embedder(in.embedder(), "--embedder", in.specE(), setup.twins())
                 : ModelLoader.deferredEmbedder(in.embedder(), "--embedder", in.specE(), setup.twins())) {
            RunCache cache = store == ResultCache.NONE ? RunCache.none() : new RunCache(store, Map.of(
                Role.A.name(), ModelLoader.cacheKey(records.get(Role.A.name()), in.modelA(), in.specA(), setup.twins()),
                Role.B.name(), ModelLoader.cacheKey(records.get(Role.B.name()), in.modelB(), in.specB(), setup.twins()),
                "embedder", ModelLoader.cacheKey(records.get("embedder"), in.embedder(), in.specE(), setup.twins())));
            Preprocessor ePre = new Preprocessor(ModelSpec.load(in.embedder(), in.specE()));
            ImacsPipeline pipeline = new ImacsPipeline(config, analysis.segmenter(), analysis.attribution(), timer).withCache(cache);
            ImacsResult result = pipeline.run(evalSet, evalSetB, new ImacsPipeline.Models(new CountingClassifier(a, classifiers),
                new CountingClassifier(b, classifiers), new CountingEmbedder(e, embedders), ePre), records, ImacsCommand.VERSION, setup.out());
            Map<String, int[]> lookups = store instanceof SqliteCache s ? s.lookups() : Map.of();
            return new Outcome(result, classifiers, embedders, timer.seconds(), lookups, (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * Without a cache every model opens at once, so a broken model fails before any work; with one, models
     * open on their first call, so a rerun answered from the cache starts no inference engine.
     */
    private static ImageClassifier classifier(Path file, String option, Map<String, String> spec, Setup setup) {
        return setup.cacheDir() == null ? ModelLoader.classifier(file, option, spec, setup.twins())
            : ModelLoader.deferredClassifier(file, option, spec, setup.twins());
    }

    /** Passes the pipeline's progress on, names the counters' current stage, and times each stage. */
    private static final class StageTimer implements Progress {
        private final Progress next;
        private final List<PassCounter> counters;
        private final Map<String, Double> seconds = new LinkedHashMap<>();
        private String stage;
        private long started;

        StageTimer(Progress next, List<PassCounter> counters) {
            this.next = next;
            this.counters = counters;
        }

        @Override public void start(String name, long total) {
            stage = name;
            started = System.nanoTime();
            counters.forEach(c -> c.stage(name));
            next.start(name, total);
        }

        @Override public void advance(long units) { next.advance(units); }

        @Override public void finish() {
            if (stage != null) seconds.merge(stage, (System.nanoTime() - started) / 1e9, Double::sum);
            next.finish();
        }

        @Override public void warn(String message) { next.warn(message); }

        Map<String, Double> seconds() { return new LinkedHashMap<>(seconds); }
    }
}
