package io.imacs.cli;

import io.imacs.count.PassCounter;
import io.imacs.model.Role;
import io.imacs.progress.Progress;
import io.imacs.result.ImacsResult;
import io.imacs.result.ResultJson;
import io.imacs.result.RunManifest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import io.imacs.attribution.PathSteps;
import io.imacs.comparison.AnalysisOptions;
import io.imacs.model.ModelFormats;
import picocli.CommandLine.Option;

/**
 * {@code imacs bench}: runs the comparison several ways side by side and reports, per stage, model passes
 * per image against the method's minimum, images per second and the share of time inside model calls,
 * plus the ratios batched/unbatched, ONNX/PyTorch forward passes and cold/cached rerun.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = AnalysisFlags.Binder.class,
    description = {"Measure the pipeline: model passes, throughput, time in model calls, and what batching, ONNX twins and the cache gain.",
        "",
        "Runs the comparison several ways side by side (cold, cached, batch size 1, PyTorch only) on the committed fixtures "
            + "unless models and data are given, and prints a markdown report (append it to docs/benchmarks.md).", ""},
    footer = {"", "Example (from the repository root):", "  imacs bench --images-per-model 20"})
public final class BenchCommand implements Callable<Integer>, AnalysisFlags.Offered {
    @Option(names = "--model-a", paramLabel = "FILE", description = "First classifier (default: fixtures/models/classifier_a.pt).")
    Path modelA;
    @Option(names = "--model-b", paramLabel = "FILE", description = "Second classifier (default: fixtures/models/classifier_b.pt).")
    Path modelB;
    @Option(names = "--embedder", paramLabel = "FILE", description = "Embedder (default: fixtures/models/embedder.onnx).")
    Path embedder;
    @Option(names = "--data", paramLabel = "DIR|CSV", description = "Evaluation images (default: fixtures/data/labels.csv).")
    Path data;
    @Option(names = "--class", paramLabel = "NAME", description = "Target class (default: circle).")
    String targetClass;
    @Option(names = "--fixtures", defaultValue = "fixtures", paramLabel = "DIR", description = "Where the fixtures are (default: ${DEFAULT-VALUE}).")
    Path fixtures;
    @Option(names = "--out", paramLabel = "DIR", description = "Work directory for the runs (default: a temporary directory, deleted).")
    Path out;
    @Option(names = "--skip-unbatched", description = "Skip the batch-size-1 run (the slowest).")
    boolean skipUnbatched;
    @Option(names = "--json", paramLabel = "FILE",
        description = "Also write every figure as JSON to FILE ('-': to standard output, instead of the markdown); its schema is in docs/benchmarks.md.")
    String jsonFile;

    private static final String STDOUT = "-";

    private final AnalysisFlags analysis = new AnalysisFlags();

    @Override public AnalysisFlags analysisFlags() { return analysis; }

    @Override public Integer call() throws Exception {
        ComparisonRun.Inputs in = inputs();
        if (jsonFile != null && !STDOUT.equals(jsonFile)) { // said before minutes of measuring, not after
            Path dir = Path.of(jsonFile).toAbsolutePath().getParent();
            String problem = io.imacs.files.OutputFiles.unusableDirectory(dir);
            if (problem != null || !Files.isDirectory(dir))
                throw new IllegalArgumentException("--json " + jsonFile + ": the directory " + dir + " " + (problem != null ? problem : "does not exist")
                    + "; give a file in a directory you can write to, or - for standard output");
        }
        boolean temporary = out == null;
        Path work = temporary ? Files.createTempDirectory("imacs-bench") : out;
        PrintStream err = System.err;
        try {
            Map<String, ComparisonRun.Outcome> runs = new LinkedHashMap<>();
            Path cache = work.resolve("cache");
            // warm-up (not reported): JIT and native libraries of both engines, so run order does not bias ratios
            run(in, work.resolve("warmup-twin"), null, true, err);
            run(in, work.resolve("warmup-pytorch"), null, false, err);
            runs.put("cold", run(in, work.resolve("cold"), cache, true, err));
            runs.put("cached", run(in, work.resolve("cached"), cache, true, err));
            if (!skipUnbatched) {
                int batch = analysis.analysis().get(AnalysisOptions.BATCH_SIZE);
                analysis.set(AnalysisOptions.BATCH_SIZE, 1);
                try { runs.put("unbatched", run(in, work.resolve("unbatched"), null, true, err)); }
                finally { analysis.set(AnalysisOptions.BATCH_SIZE, batch); }
            }
            ModelFormats formats = ModelFormats.installed();
            boolean twins = formats.forwardTwin(in.modelA()) != null || formats.forwardTwin(in.modelB()) != null;
            if (twins) runs.put("pytorch", run(in, work.resolve("pytorch"), null, false, err));
            boolean same = java.util.Arrays.equals(json(runs.get("cold").result(), work.resolve("cold")),
                json(runs.get("cached").result(), work.resolve("cached")));
            BenchFigures figures = figures(in, runs, same);
            if (!STDOUT.equals(jsonFile)) report(System.out, figures); // stdout holds the JSON alone when it goes there
            if (jsonFile != null) writeJson(figures);
        } finally {
            if (temporary) deleteTree(work);
        }
        return 0;
    }

    private void writeJson(BenchFigures figures) throws java.io.IOException {
        if (STDOUT.equals(jsonFile)) {
            figures.writeJson(System.out);
            return;
        }
        Path file = Path.of(jsonFile);
        io.imacs.files.OutputFiles.write(file, tmp -> {
            try (var out = Files.newOutputStream(tmp)) { figures.writeJson(out); }
        });
        System.err.println("bench: wrote " + file);
    }

    private ComparisonRun.Outcome run(ComparisonRun.Inputs in, Path dir, Path cache, boolean twins, PrintStream err) throws Exception {
        err.printf("bench: %s run%n", dir.getFileName());
        return ComparisonRun.run(in, analysis.analysis(), new ComparisonRun.Setup(dir, cache, twins, Progress.NONE));
    }

    private static byte[] json(ImacsResult r, Path dir) throws java.io.IOException {
        ResultJson.write(r, dir.resolve("result.json"));
        return Files.readAllBytes(dir.resolve("result.json"));
    }

    ComparisonRun.Inputs inputs() {
        Path a = modelA != null ? modelA : fixtures.resolve("models/classifier_a.pt");
        Path b = modelB != null ? modelB : fixtures.resolve("models/classifier_b.pt");
        Path e = embedder != null ? embedder : fixtures.resolve("models/embedder.onnx");
        Path d = data != null ? data : fixtures.resolve("data/labels.csv");
        if ((modelA == null || data == null) && !Files.isDirectory(fixtures))
            throw new IllegalArgumentException("--fixtures " + fixtures + ": not found; run from the repository root, or give "
                + "--model-a, --model-b, --embedder, --data and --class");
        return new ComparisonRun.Inputs(a, b, e, d, null, targetClass != null ? targetClass : "circle", Map.of(), Map.of(), Map.of(), List.of(), false);
    }

    /** Every figure of the runs, computed once for the markdown and the JSON. */
    private BenchFigures figures(ComparisonRun.Inputs in, Map<String, ComparisonRun.Outcome> runs, boolean same) {
        ComparisonRun.Outcome cold = runs.get("cold");
        RunManifest m = cold.result().manifest();
        int batch = analysis.analysis().get(AnalysisOptions.BATCH_SIZE);
        var setup = new BenchFigures.Setup(in.modelA().getFileName().toString(), in.modelB().getFileName().toString(),
            in.embedder().getFileName().toString(), in.data().toString(), m.dataset().usable(), in.targetClass(),
            String.valueOf(m.parameters().get("segmentation")), analysis.analysis().get(AnalysisOptions.SEGMENTS_PER_IMAGE),
            String.valueOf(m.parameters().get("rankA")), String.valueOf(m.parameters().get("rankB")),
            String.valueOf(m.parameters().get("scoreA")), String.valueOf(m.parameters().get("scoreB")), batch,
            Runtime.getRuntime().availableProcessors());
        List<BenchFigures.Stage> stages = new ArrayList<>();
        Map<String, PassCounter.Tally> c = cold.classifierPasses().byStage(), e = cold.embedderPasses().byStage();
        for (Map.Entry<String, Double> s : cold.stageSeconds().entrySet()) {
            String stage = s.getKey();
            int images = imagesOf(stage, m);
            if (images == 0) continue;
            PassCounter.Tally ct = c.getOrDefault(stage, new PassCounter.Tally(0, 0, 0, 0, 0));
            PassCounter.Tally et = e.getOrDefault(stage, new PassCounter.Tally(0, 0, 0, 0, 0));
            long[] min = minimum(stage, m);
            stages.add(new BenchFigures.Stage(stage, images, (double) ct.forward() / images, min[0] < 0 ? null : min[0],
                (double) ct.backward() / images, min[1], (double) et.forward() / images, min[2], images / s.getValue(), s.getValue(),
                (ct.nanos() + et.nanos()) / 1e9 / s.getValue()));
        }
        Map<String, BenchFigures.Run> byName = new LinkedHashMap<>();
        runs.forEach((name, r) -> byName.put(name, run(r)));
        ComparisonRun.Outcome cached = runs.get("cached");
        var coldVsCached = new BenchFigures.ColdVsCached(cold.seconds(), cached.seconds(),
            cached.classifierPasses().total().calls() + cached.embedderPasses().total().calls(), same, cold.seconds() / cached.seconds());
        ComparisonRun.Outcome u = runs.get("unbatched"), p = runs.get("pytorch");
        var batching = u == null ? null : new BenchFigures.Batching(batch, cold.seconds(), u.seconds(), u.seconds() / cold.seconds());
        BenchFigures.OnnxTwins twins = null;
        if (p != null) {
            double onnx = nanosPerForward(cold.classifierPasses()), torch = nanosPerForward(p.classifierPasses());
            twins = new BenchFigures.OnnxTwins(BenchFigures.finite(onnx / 1e6), BenchFigures.finite(torch / 1e6), cold.seconds(), p.seconds(),
                BenchFigures.finite(torch / onnx));
        }
        return new BenchFigures(BenchFigures.SCHEMA, setup, stages, byName, new BenchFigures.Comparisons(coldVsCached, batching, twins));
    }

    private static BenchFigures.Run run(ComparisonRun.Outcome r) {
        PassCounter.Tally c = r.classifierPasses().total(), e = r.embedderPasses().total();
        double inModels = (c.nanos() + e.nanos()) / 1e9;
        return new BenchFigures.Run(r.seconds(), inModels, inModels / r.seconds(), c.forward(), c.backward(), e.forward(), c.calls() + e.calls(),
            r.stageSeconds());
    }

    /** The markdown report (for docs/benchmarks.md), from the same figures as the JSON. */
    private static void report(PrintStream o, BenchFigures f) {
        BenchFigures.Setup s = f.setup();
        o.printf(Locale.ROOT, "%nModels A %s, B %s, embedder %s; data %s (%d usable images), class %s; %s segments, M=%d, rank A: %s, rank B: %s, "
                + "score: %s; batch size %d; %d CPU cores%n%n", s.modelA(), s.modelB(), s.embedder(), s.data(), s.usableImages(), s.targetClass(),
            s.segmentation(), s.segmentsPerImage(), s.rankA(), s.rankB(), s.scoreA(), s.batchSize(), s.cpuCores());
        o.println("| stage | images | classifier forward / image (min) | backward / image (min) | embedder / image (min) | images / s | time in model calls |");
        o.println("|---|---:|---:|---:|---:|---:|---:|");
        for (BenchFigures.Stage st : f.stages())
            o.printf(Locale.ROOT, "| %s | %d | %.1f (%s) | %.1f (%s) | %.1f (%s) | %.1f | %.0f%% |%n", st.stage(), st.images(),
                st.classifierForwardPerImage(), st.classifierForwardMinimum() == null ? "?" : st.classifierForwardMinimum(),
                st.classifierBackwardPerImage(), st.classifierBackwardMinimum(), st.embedderForwardPerImage(), st.embedderForwardMinimum(),
                st.imagesPerSecond(), 100 * st.modelTimeShare());
        BenchFigures.Run cold = f.runs().get("cold");
        o.printf(Locale.ROOT, "%nCold run: %.2f s wall (models loaded, whole pipeline), %.2f s inside model calls (%.0f%%).%n",
            cold.seconds(), cold.secondsInModelCalls(), 100 * cold.modelTimeShare());
        o.println();
        o.println("| comparison | measured side by side | ratio |");
        o.println("|---|---|---:|");
        BenchFigures.ColdVsCached cc = f.comparisons().coldVsCached();
        o.printf(Locale.ROOT, "| cold / cached rerun (wall) | %.2f s / %.2f s, cached run: %d model passes, result.json %s | %.1fx |%n",
            cc.coldSeconds(), cc.cachedSeconds(), cc.cachedModelPasses(), cc.resultIdentical() ? "identical" : "DIFFERENT", cc.speedup());
        BenchFigures.Batching b = f.comparisons().batching();
        if (b != null)
            o.printf(Locale.ROOT, "| batched (%d) / unbatched (1) throughput (wall) | %.2f s / %.2f s | %.1fx |%n",
                b.batchSize(), b.batchedSeconds(), b.unbatchedSeconds(), b.speedup());
        BenchFigures.OnnxTwins t = f.comparisons().onnxTwins();
        if (t != null)
            o.printf(Locale.ROOT, "| ONNX Runtime / PyTorch, classifier forward passes (time per image) | %s ms / %s ms; whole run %.2f s (with cache writes) / %.2f s (no cache) | %sx |%n",
                fixed(t.onnxMsPerImage(), 3), fixed(t.pytorchMsPerImage(), 3), t.onnxRunSeconds(), t.pytorchRunSeconds(), fixed(t.speedup(), 1));
        BenchFigures.Run cached = f.runs().get("cached");
        o.printf(Locale.ROOT, "%nCached rerun by stage (in this process: no JVM start): %s.%n", String.join(", ", cached.stageSeconds().entrySet().stream()
            .map(x -> String.format(Locale.ROOT, "%s %.3f s", x.getKey(), x.getValue())).toList()));
    }

    /** A figure that may not exist, as the markdown shows it. */
    private static String fixed(Double v, int decimals) { return v == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v); }

    private static double nanosPerForward(PassCounter p) {
        PassCounter.Tally t = p.total();
        return t.forward() == 0 ? Double.NaN : (double) t.forwardNanos() / t.forward();
    }

    /** Images a stage handles: all usable images to predict, a model's sample to attribute. */
    private static int imagesOf(String stage, RunManifest m) {
        if (stage.equals("predict")) return m.dataset().usable();
        if (stage.startsWith("attribute ")) {
            Role role = Role.valueOf(stage.substring("attribute ".length(), "attribute ".length() + 1));
            return m.sampling().get(role).sampled().values().stream().mapToInt(Integer::intValue).sum();
        }
        return 0;
    }

    /**
     * The passes per image the method cannot do without: predict one forward per model; occlusion N+1
     * forwards (original and each segment), IG and Guided IG their steps (forward and backward); exact Shapley 2^M
     * coalitions, of which the full image is already known from occlusion; M embedder crops.
     * Permutation sampling has no fixed minimum (-1).
     */
    private long[] minimum(String stage, RunManifest m) {
        if (stage.equals("predict")) return new long[] {2, 0, 0};
        String role = stage.substring("attribute ".length(), "attribute ".length() + 1);
        String rank = String.valueOf(m.parameters().get("rank" + role)), score = String.valueOf(m.parameters().get("score" + role));
        int segments = analysis.analysis().get(AnalysisOptions.GRID) * analysis.analysis().get(AnalysisOptions.GRID), players = analysis.analysis().get(AnalysisOptions.SEGMENTS_PER_IMAGE);
        long shapley = score.startsWith("shapley-exact") ? 1L << players : -1;
        // one gradient per path step; Guided IG's steps are its minimum (its path is chosen by the gradients); auto steps
        // take at least their first round, and 2 forwards (f(x), f(b)) for the completeness gap
        PathSteps steps = rank.startsWith("ig") ? analysis.analysis().get(AnalysisOptions.IG_STEPS) : rank.contains("gig") ? analysis.analysis().get(AnalysisOptions.GIG_STEPS) : null;
        long backward = steps == null ? 0 : steps.first();
        long forward = (rank.startsWith("occlusion") ? segments + 1 + (shapley < 0 ? 0 : shapley - 1) : shapley) + (steps instanceof PathSteps.Auto ? 2 : 0);
        return new long[] {shapley < 0 ? -1 : forward, backward, players};
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
