package io.imacs.cli;

import io.imacs.cache.ResultCache;
import io.imacs.comparison.Analysis;
import io.imacs.comparison.Comparison;
import io.imacs.pipeline.ImageStages;
import io.imacs.progress.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One comparison as {@code compare} and {@code bench} run it: a {@link Comparison} from the flags, backed by the
 * SQLite result cache, with the cache's hits and misses for the summary.
 */
final class ComparisonRun {
    private ComparisonRun() {}

    /**
     * What one comparison reads; {@code modelB} null = model A on {@code dataB}; {@code allowOutsideData} lets a CSV
     * name images outside its directory.
     */
    record Inputs(Path modelA, Path modelB, Path embedder, Path data, Path dataB, String targetClass, Map<String, String> specA,
                  Map<String, String> specB, Map<String, String> specE, List<String> filters, boolean allowOutsideData) {}

    /** How it runs: {@code cacheDir} null = no cache; {@code twins} = forward passes on ONNX twins. */
    record Setup(Path out, Path cacheDir, boolean twins, Progress progress) {}

    /** The comparison's outcome and the cache lookups per kind ([hits, misses]). */
    record Outcome(Comparison.Outcome comparison, Map<String, int[]> cacheLookups) {
        io.imacs.result.ImacsResult result() { return comparison.result(); }
        double seconds() { return comparison.seconds(); }
        io.imacs.count.PassCounter classifierPasses() { return comparison.classifierPasses(); }
        io.imacs.count.PassCounter embedderPasses() { return comparison.embedderPasses(); }
        Map<String, Double> stageSeconds() { return comparison.stageSeconds(); }

        /** The same outcome, counting {@code more} lookups too (those of a cluster's workers). */
        Outcome withLookups(Map<String, int[]> more) {
            Map<String, int[]> all = new java.util.TreeMap<>();
            cacheLookups.forEach((k, v) -> all.put(k, v.clone()));
            more.forEach((k, v) -> {
                int[] hm = all.computeIfAbsent(k, x -> new int[2]);
                hm[0] += v[0];
                hm[1] += v[1];
            });
            return new Outcome(comparison, all);
        }
    }

    static Outcome run(Inputs in, Analysis analysis, Setup setup) throws Exception {
        return run(in, analysis, setup, ImageStages.HERE);
    }

    /** As above, the per-image stages running where {@code stages} puts them. */
    static Outcome run(Inputs in, Analysis analysis, Setup setup, ImageStages stages) throws Exception {
        try (ResultCache store = openCache(setup)) {
            Comparison.Outcome outcome = comparison(in, analysis, setup, store).optImageStages(stages).build().run(setup.progress());
            return new Outcome(outcome, store instanceof SqliteCache s ? s.lookups() : Map.of());
        }
    }

    /** The inputs' checks that need no work ({@link Comparison#check}): before a cluster is started for the run. */
    static void check(Inputs in, Analysis analysis, Setup setup) {
        comparison(in, analysis, setup, ResultCache.NONE).build().check();
    }

    /** A worker's part of a compare run: the same comparison and cache, its models opened, no data loaded. */
    static ScaleOut.Worker worker(CompareCommand compare, Progress progress) {
        Setup setup = compare.setup(progress);
        ResultCache store = openCache(setup);
        try {
            return new ScaleOut.Worker(comparison(compare.inputs(), compare.analysisFlags().analysis(), setup, store).build()
                .open(progress), store);
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    private static ResultCache openCache(Setup setup) {
        return setup.cacheDir() == null ? ResultCache.NONE : SqliteCache.open(setup.cacheDir(), "--cache");
    }

    private static Comparison.Builder comparison(Inputs in, Analysis analysis, Setup setup, ResultCache store) {
        Comparison.Builder b = Comparison.builder().setModelA(in.modelA()).setEmbedder(in.embedder()).setData(in.data())
            .setTargetClass(in.targetClass()).setOutputDir(setup.out()).optSpecA(in.specA()).optSpecB(in.specB())
            .optSpecEmbedder(in.specE()).optFilters(in.filters()).optAllowOutsideData(in.allowOutsideData()).optAnalysis(analysis)
            .optOnnxTwins(setup.twins()).optCache(store);
        if (in.modelB() != null) b.setModelB(in.modelB());
        if (in.dataB() != null) b.optDataB(in.dataB());
        return b;
    }
}
