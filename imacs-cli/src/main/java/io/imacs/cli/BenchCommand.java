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

    private final AnalysisFlags analysis = new AnalysisFlags();

    @Override public AnalysisFlags analysisFlags() { return analysis; }

    @Override public Integer call() throws Exception {
        ComparisonRun.Inputs in = inputs();
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
            report(System.out, in, runs, same);
        } finally {
            if (temporary) deleteTree(work);
        }
        return 0;
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

    private void report(PrintStream o, ComparisonRun.Inputs in, Map<String, ComparisonRun.Outcome> runs, boolean same) {
        ComparisonRun.Outcome cold = runs.get("cold");
        RunManifest m = cold.result().manifest();
        o.printf(Locale.ROOT, "%nModels A %s, B %s, embedder %s; data %s (%d usable images), class %s; %s; batch size %d; %d CPU cores%n%n",
            in.modelA().getFileName(), in.modelB().getFileName(), in.embedder().getFileName(), in.data(), m.dataset().usable(),
            in.targetClass(), describe(m), analysis.analysis().get(AnalysisOptions.BATCH_SIZE), Runtime.getRuntime().availableProcessors());
        o.println("| stage | images | classifier forward / image (min) | backward / image (min) | embedder / image (min) | images / s | time in model calls |");
        o.println("|---|---:|---:|---:|---:|---:|---:|");
        Map<String, PassCounter.Tally> c = cold.classifierPasses().byStage(), e = cold.embedderPasses().byStage();
        for (Map.Entry<String, Double> s : cold.stageSeconds().entrySet()) {
            String stage = s.getKey();
            int images = imagesOf(stage, m);
            if (images == 0) continue;
            PassCounter.Tally ct = c.getOrDefault(stage, new PassCounter.Tally(0, 0, 0, 0, 0));
            PassCounter.Tally et = e.getOrDefault(stage, new PassCounter.Tally(0, 0, 0, 0, 0));
            long[] min = minimum(stage, m);
            o.printf(Locale.ROOT, "| %s | %d | %.1f (%s) | %.1f (%s) | %.1f (%s) | %.1f | %.0f%% |%n", stage, images,
                (double) ct.forward() / images, min[0] < 0 ? "?" : min[0], (double) ct.backward() / images, min[1],
                (double) et.forward() / images, min[2], images / s.getValue(), 100.0 * (ct.nanos() + et.nanos()) / 1e9 / s.getValue());
        }
        double inModels = (cold.classifierPasses().total().nanos() + cold.embedderPasses().total().nanos()) / 1e9;
        o.printf(Locale.ROOT, "%nCold run: %.2f s wall (models loaded, whole pipeline), %.2f s inside model calls (%.0f%%).%n",
            cold.seconds(), inModels, 100 * inModels / cold.seconds());
        o.println();
        o.println("| comparison | measured side by side | ratio |");
        o.println("|---|---|---:|");
        ComparisonRun.Outcome cached = runs.get("cached");
        o.printf(Locale.ROOT, "| cold / cached rerun (wall) | %.2f s / %.2f s, cached run: %d model passes, result.json %s | %.1fx |%n",
            cold.seconds(), cached.seconds(), cached.classifierPasses().total().calls() + cached.embedderPasses().total().calls(),
            same ? "identical" : "DIFFERENT", cold.seconds() / cached.seconds());
        if (runs.containsKey("unbatched")) {
            ComparisonRun.Outcome u = runs.get("unbatched");
            o.printf(Locale.ROOT, "| batched (%d) / unbatched (1) throughput (wall) | %.2f s / %.2f s | %.1fx |%n",
                analysis.analysis().get(AnalysisOptions.BATCH_SIZE), cold.seconds(), u.seconds(), u.seconds() / cold.seconds());
        }
        if (runs.containsKey("pytorch")) {
            ComparisonRun.Outcome p = runs.get("pytorch");
            double onnx = nanosPerForward(cold.classifierPasses()), torch = nanosPerForward(p.classifierPasses());
            o.printf(Locale.ROOT, "| ONNX Runtime / PyTorch, classifier forward passes (time per image) | %.3f ms / %.3f ms; whole run %.2f s (with cache writes) / %.2f s (no cache) | %.1fx |%n",
                onnx / 1e6, torch / 1e6, cold.seconds(), p.seconds(), torch / onnx);
        }
    }

    private static double nanosPerForward(PassCounter p) {
        PassCounter.Tally t = p.total();
        return t.forward() == 0 ? Double.NaN : (double) t.forwardNanos() / t.forward();
    }

    private String describe(RunManifest m) {
        return String.format(Locale.ROOT, "%s segments, M=%d, rank A: %s, rank B: %s, score: %s", m.parameters().get("segmentation"),
            analysis.analysis().get(AnalysisOptions.SEGMENTS_PER_IMAGE), m.parameters().get("rankA"), m.parameters().get("rankB"), m.parameters().get("scoreA"));
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
