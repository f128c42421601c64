package io.imacs.comparison;

import io.imacs.cache.FileHashes;
import io.imacs.cache.ResultCache;
import io.imacs.cache.RunCache;
import io.imacs.count.CountingClassifier;
import io.imacs.count.CountingEmbedder;
import io.imacs.count.PassCounter;
import io.imacs.data.EvalSet;
import io.imacs.data.EvalSetLoader;
import io.imacs.files.OutputFiles;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ImageEmbedder;
import io.imacs.model.ModelFormats;
import io.imacs.model.ModelSpec;
import io.imacs.model.Preprocessor;
import io.imacs.model.Role;
import io.imacs.pipeline.ImacsPipeline;
import io.imacs.pipeline.ImageStages;
import io.imacs.progress.Progress;
import io.imacs.result.ImacsResult;
import io.imacs.result.RunManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One IMACS comparison of two image classifiers, the library's entry point. Built like DJL's {@code Criteria}:
 * required {@code set*} and optional {@code opt*} methods, then {@link #run(Progress)}.
 * <pre>{@code
 * ImacsResult result = Comparison.builder()
 *     .setModelA(Path.of("a.pt")).setModelB(Path.of("b.onnx")).setEmbedder(Path.of("emb.onnx"))
 *     .setData(Path.of("eval.csv")).setTargetClass("sunflowers").setOutputDir(Path.of("runs/flowers"))
 *     .opt(AnalysisOptions.CLUSTERS, 8)
 *     .build().run(Progress.NONE).result();
 * }</pre>
 * Model files open with the {@link io.imacs.model.ModelFormat}s on the class path (add imacs-onnx and/or imacs-djl).
 * Errors name the builder's keys in backquotes ({@code `modelA`}, {@code `clusters`}).
 */
public final class Comparison {
    /** IMACS's version, as every manifest records it. */
    public static final String VERSION = "0.1.0";

    private final Path modelA, modelB, embedder, data, dataB, outputDir;
    private final String targetClass;
    private final Map<String, String> specA, specB, specEmbedder;
    private final List<String> filters;
    private final Analysis analysis;
    private final ResultCache cache;
    private final boolean twins, allowOutsideData;
    private final ModelFormats formats;
    private final ImageStages stages;

    /** A copy of what the builder holds, so changing the builder afterwards does not change this comparison. */
    private Comparison(Builder b) {
        modelA = b.modelA;
        // model B left out: model A on the other dataset, with A's sidecar overrides unless B's are given
        modelB = b.modelB != null ? b.modelB : b.modelA;
        specB = b.modelB == null && b.specB.isEmpty() ? b.specA : b.specB;
        embedder = b.embedder;
        data = b.data;
        dataB = b.dataB;
        outputDir = b.outputDir;
        targetClass = b.targetClass;
        specA = b.specA;
        specEmbedder = b.specEmbedder;
        filters = b.filters;
        analysis = b.analysis;
        cache = b.cache;
        twins = b.twins;
        allowOutsideData = b.allowOutsideData;
        formats = b.formats;
        stages = b.stages;
    }

    public static Builder builder() { return new Builder(); }

    /**
     * The result, the passes of the classifiers and of the embedder per stage, and the wall time of each stage and
     * of the whole run.
     */
    public record Outcome(ImacsResult result, PassCounter classifierPasses, PassCounter embedderPasses,
                          Map<String, Double> stageSeconds, double seconds) {}

    public Analysis analysis() { return analysis; }

    /** The run's work before the pipeline's stages, timed like them ({@link Outcome#stageSeconds()}). */
    private static final String LOAD_DATA = "load data", MODELS = "model files";

    /**
     * What can be checked before any work, in the order {@link #run} meets it, with its messages: the data paths
     * exist; each model file is there, of a known format, with a usable sidecar. A run that spreads its stages over a
     * cluster calls this before starting one, so a mistyped path fails in a moment, not after the cluster's start.
     */
    public void check() {
        EvalSetLoader.requireExists(data, "data");
        if (dataB != null) EvalSetLoader.requireExists(dataB, "dataB");
        formats.requireUsable(modelA, "modelA", specA);
        formats.requireUsable(modelB, "modelB", specB);
        formats.requireUsable(embedder, "embedder", specEmbedder);
    }

    /** Loads the data, opens the models, runs the pipeline; writes nothing but the pipeline's own files under the output directory. */
    public Outcome run(Progress progress) {
        PassCounter classifiers = new PassCounter(), embedders = new PassCounter();
        StageTimer timer = new StageTimer(progress, List.of(classifiers, embedders));
        long t0 = System.nanoTime();
        EvalSet evalSet = EvalSetLoader.load(data, "data", filters, allowOutsideData);
        EvalSet evalSetB = dataB == null ? null : EvalSetLoader.load(dataB, "dataB", filters, allowOutsideData);
        timer.since(LOAD_DATA, t0);
        long t1 = System.nanoTime();
        try (Opened opened = open(timer, classifiers, embedders, true)) {
            timer.since(MODELS, t1);
            ImacsResult result = opened.pipeline().run(evalSet, evalSetB, opened.models(), opened.records(), VERSION, outputDir);
            return new Outcome(result, classifiers, embedders, timer.seconds(), (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * The comparison's models, opened, and the pipeline that runs them, without loading the data: what a worker
     * needs to run its part of the per-image stages ({@link ImacsPipeline#predictHere}, {@link ImacsPipeline#attributeHere}).
     * The passes of its models are counted per stage of {@code progress}. Closing it closes the models.
     */
    public Opened open(Progress progress) {
        PassCounter classifiers = new PassCounter(), embedders = new PassCounter();
        return open(new StageTimer(progress, List.of(classifiers, embedders)), classifiers, embedders, false);
    }

    /** Open models (counted), the pipeline, and each model's manifest record by role name ("embedder" for the embedder). */
    public record Opened(ImacsPipeline pipeline, ImacsPipeline.Models models, Map<String, RunManifest.ModelRecord> records,
                         PassCounter classifierPasses, PassCounter embedderPasses, List<AutoCloseable> files) implements AutoCloseable {
        @Override public void close() { closeAll(files); }
    }

    /** Closes each, all of them even when one fails; then throws the first failure. */
    private static void closeAll(List<AutoCloseable> files) {
        RuntimeException failed = null;
        for (AutoCloseable c : files) {
            try {
                c.close();
            } catch (Exception e) {
                if (failed == null) failed = e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
            }
        }
        if (failed != null) throw failed;
    }

    /** {@code run}: the run's own opening, which also creates the output directory (a worker writes none). */
    private Opened open(StageTimer timer, PassCounter classifiers, PassCounter embedders, boolean run) {
        // model files are hashed once, and not at all while unchanged since a run stored their hashes in the cache
        FileHashes files = new FileHashes(cache);
        Function<Path, String> hash = f -> modelHash(files, f);
        // keyed by the roles' names, as the pipeline looks up the cache's model keys; the embedder is no role
        Map<String, RunManifest.ModelRecord> records = new LinkedHashMap<>();
        records.put(Role.A.name(), modelRecord(formats, modelA, "modelA", specA, hash));
        records.put(Role.B.name(), modelRecord(formats, modelB, "modelB", specB, hash));
        records.put("embedder", modelRecord(formats, embedder, "embedder", specEmbedder, hash));
        if (run) OutputFiles.createDirectory(outputDir, "outputDir");
        // Without a cache every model opens at once, so a broken model fails before any work; with one, models open
        // on their first call, so a rerun answered from the cache starts no inference engine. Stages run elsewhere
        // open their models there: here they only describe themselves.
        boolean deferred = cache != ResultCache.NONE || stages != ImageStages.HERE;
        List<AutoCloseable> open = new ArrayList<>();
        try {
            ImageClassifier a = add(open, deferred ? formats.deferredClassifier(modelA, "modelA", specA, twins)
                : formats.classifier(modelA, "modelA", specA, twins));
            ImageClassifier b = add(open, deferred ? formats.deferredClassifier(modelB, "modelB", specB, twins)
                : formats.classifier(modelB, "modelB", specB, twins));
            ImageEmbedder e = add(open, deferred ? formats.deferredEmbedder(embedder, "embedder", specEmbedder, twins)
                : formats.embedder(embedder, "embedder", specEmbedder, twins));
            RunCache runCache = !deferred ? RunCache.none() : new RunCache(cache, Map.of(
                Role.A.name(), formats.cacheKey(records.get(Role.A.name()).sha256(), modelA, specA, twins, hash),
                Role.B.name(), formats.cacheKey(records.get(Role.B.name()).sha256(), modelB, specB, twins, hash),
                "embedder", formats.cacheKey(records.get("embedder").sha256(), embedder, specEmbedder, twins, hash)), files);
            Preprocessor ePre = new Preprocessor(ModelSpec.load(embedder, specEmbedder));
            ImacsPipeline pipeline = new ImacsPipeline(analysis.config(targetClass), analysis.segmenter(), analysis.attribution(), timer)
                .withCache(runCache).withStages(stages);
            return new Opened(pipeline, new ImacsPipeline.Models(new CountingClassifier(a, classifiers),
                new CountingClassifier(b, classifiers), new CountingEmbedder(e, embedders), ePre), records, classifiers, embedders,
                List.copyOf(open));
        } catch (RuntimeException | Error failed) {
            try {
                closeAll(open);
            } catch (RuntimeException alsoFailed) {
                failed.addSuppressed(alsoFailed);
            }
            throw failed;
        }
    }

    private static <T extends AutoCloseable> T add(List<AutoCloseable> open, T model) {
        open.add(0, model); // closed in reverse order of opening, as try-with-resources would
        return model;
    }

    /** The manifest's record of a model file: path, format, SHA-256, input size and classes (sidecar after overrides). */
    public static RunManifest.ModelRecord modelRecord(ModelFormats formats, Path file, String key, Map<String, String> spec) {
        return modelRecord(formats, file, key, spec, ModelFormats::sha256);
    }

    private static RunManifest.ModelRecord modelRecord(ModelFormats formats, Path file, String key, Map<String, String> spec,
                                                       Function<Path, String> hash) {
        ModelSpec s = formats.spec(file, key, spec);
        return new RunManifest.ModelRecord(file.toString(), formats.formatOf(file, key).name(), hash.apply(file), s.inputSize(), s.classes());
    }

    /** A model file's hash; an unreadable file names itself as a model problem, as {@link ModelFormats#sha256} does. */
    private static String modelHash(FileHashes files, Path file) {
        try {
            return files.sha256(file);
        } catch (java.io.UncheckedIOException e) {
            throw new io.imacs.model.ModelException(e.getMessage());
        }
    }

    /** Sets the inputs of a {@link Comparison}; {@link #build()} says which required one is missing. */
    public static final class Builder {
        private Path modelA, modelB, embedder, data, dataB, outputDir;
        private String targetClass;
        private Map<String, String> specA = Map.of(), specB = Map.of(), specEmbedder = Map.of();
        private List<String> filters = List.of();
        private Analysis analysis = Analysis.defaults();
        private ResultCache cache = ResultCache.NONE;
        private boolean twins = true, allowOutsideData;
        private ModelFormats formats;
        private ImageStages stages = ImageStages.HERE;

        private Builder() {}

        /** The first classifier (model A): a file of an installed {@link io.imacs.model.ModelFormat}, with its sidecar. */
        public Builder setModelA(Path file) { modelA = file; return this; }

        /** The second classifier (model B). May be left out when {@link #optDataB} is set: then B is A on the other data. */
        public Builder setModelB(Path file) { modelB = file; return this; }

        /** The independent feature model that embeds segments for clustering. */
        public Builder setEmbedder(Path file) { embedder = file; return this; }

        /** Evaluation images: an ImageFolder directory or a CSV with columns path,label[,annotations...]. */
        public Builder setData(Path dirOrCsv) { data = dirOrCsv; return this; }

        /** The class c the comparison is about, by name. */
        public Builder setTargetClass(String name) { targetClass = name; return this; }

        /** Where the pipeline writes what it keeps beside the result (created). */
        public Builder setOutputDir(Path dir) { outputDir = dir; return this; }

        /** Study model B on this dataset instead (one model across a data shift). */
        public Builder optDataB(Path dirOrCsv) { dataB = dirOrCsv; return this; }

        /** Overrides of model A's sidecar fields ({@code inputSize=224x224}). */
        public Builder optSpecA(Map<String, String> overrides) { specA = Map.copyOf(overrides); return this; }

        public Builder optSpecB(Map<String, String> overrides) { specB = Map.copyOf(overrides); return this; }

        public Builder optSpecEmbedder(Map<String, String> overrides) { specEmbedder = Map.copyOf(overrides); return this; }

        /** Let a CSV name images outside its own directory ({@code ../x.png}, absolute paths); refused by default. */
        public Builder optAllowOutsideData(boolean allow) { allowOutsideData = allow; return this; }

        /** Keep only images whose CSV column has a value ({@code COLUMN=VALUE}). */
        public Builder optFilters(List<String> columnIsValue) { filters = List.copyOf(columnIsValue); return this; }

        /** One analysis option (k, seed, sample size, ranking ...), checked as {@link AnalysisOptions} declares it. */
        public <T> Builder opt(AnalysisOption<T> option, T value) { analysis = analysis.with(option, value); return this; }

        /** All analysis options at once. */
        public Builder optAnalysis(Analysis values) { analysis = Objects.requireNonNull(values, "analysis"); return this; }

        /**
         * A result cache (e.g. the command line's SQLite one): unchanged models, images and parameters are not
         * recomputed and a stopped run resumes. The caller opens and closes it.
         */
        public Builder optCache(ResultCache store) { cache = Objects.requireNonNull(store, "cache"); return this; }

        /** Run a TorchScript model's forward passes on an ONNX file of the same base name beside it (default: on). */
        public Builder optOnnxTwins(boolean on) { twins = on; return this; }

        /** The model formats to open files with (default: those installed, by {@link java.util.ServiceLoader}). */
        public Builder optModelFormats(ModelFormats installed) { formats = installed; return this; }

        /** Where the per-image stages run (default: in this process; imacs-spark spreads them over a cluster). */
        public Builder optImageStages(ImageStages where) { stages = Objects.requireNonNull(where, "stages"); return this; }

        /** Checks that every required input is set; opens nothing yet. */
        public Comparison build() {
            List<String> missing = new ArrayList<>();
            if (modelA == null) missing.add("`modelA`");
            if (modelB == null && dataB == null) missing.add("`modelB` (or `dataB` to study model A on two datasets)");
            if (embedder == null) missing.add("`embedder`");
            if (data == null) missing.add("`data`");
            if (targetClass == null) missing.add("`targetClass`");
            if (outputDir == null) missing.add("`outputDir`");
            if (!missing.isEmpty()) throw new OptionException(missing.get(0).substring(1, missing.get(0).indexOf('`', 1)),
                "a comparison needs " + String.join(", ", missing));
            if (formats == null) formats = ModelFormats.installed();
            return new Comparison(this);
        }
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

        /** Times work that reports no progress: from {@code startNanos} to now. */
        void since(String name, long startNanos) { seconds.merge(name, (System.nanoTime() - startNanos) / 1e9, Double::sum); }

        Map<String, Double> seconds() { return new LinkedHashMap<>(seconds); }
    }
}
