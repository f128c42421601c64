package io.imacs.cli;

import io.imacs.files.OutputFiles;
import io.imacs.model.Role;
import io.imacs.progress.Progress;
import io.imacs.report.FigureExporter;
import io.imacs.report.ReportWriter;
import io.imacs.result.ClusterSummary;
import io.imacs.summarize.FindingWriter;
import io.imacs.result.ImacsResult;
import io.imacs.result.ResultJson;
import io.imacs.result.RunManifest;
import io.imacs.result.SegmentsCsv;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code imacs compare}: the whole IMACS pipeline for two models and one class. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = AnalysisFlags.Binder.class,
    description = {
        "Compare what two image classifiers rely on for one class (the IMACS pipeline).",
        "",
        "Per model, samples a balanced confusion matrix of the class (TP, FP, FN, TN), splits each image into segments, ranks them (XRAI over Guided IG for TorchScript models, occlusion for ONNX), scores the top segments with Shapley values, embeds them with a third model and clusters the segments of both models together. Writes result.json, segments.csv and report.html to --out.", ""},
    footer = {"", "Example:",
        "  imacs compare --model-a a.onnx --model-b b.pt \\",
        "      --embedder emb.onnx --data eval/ --class sunflowers \\",
        "      --clusters 5 --out runs/flowers",
        "", "Each model file needs a sidecar JSON with the same base name",
        "(a.onnx -> a.json); see the README, 'Model sidecar'."})
public final class CompareCommand implements Callable<Integer>, AnalysisFlags.Offered {

    @Option(names = "--model-a", required = true, paramLabel = "FILE", description = "First classifier (.onnx or .pt TorchScript).")
    Path modelA;
    @Option(names = "--model-b", paramLabel = "FILE",
        description = "Second classifier (.onnx or .pt TorchScript). Required, unless --data-b is given: then it defaults to --model-a (one model on two datasets).")
    Path modelB;
    @Option(names = "--embedder", required = true, paramLabel = "FILE",
        description = "Independent feature model for clustering segments (.onnx or .pt). Its sidecar's featureOutput names the feature output.")
    Path embedder;
    @Option(names = "--data", required = true, paramLabel = "DIR|CSV",
        description = "Evaluation images: an ImageFolder directory DIR/<class>/<image>, or a CSV with columns path,label[,annotations...].")
    Path data;
    @Option(names = "--allow-outside-data",
        description = "Let a CSV name images outside its own directory: paths up with .. or absolute paths. Without it such rows are refused.")
    boolean allowOutsideData;
    @Option(names = "--data-b", paramLabel = "DIR|CSV",
        description = "Study model B on this dataset instead of --data (one model across a data shift: the paper's section 8 future work). Image ids get the prefix A/ or B/.")
    Path dataB;
    @Option(names = "--class", required = true, paramLabel = "NAME", description = "Target class c, by name (must be a class of both models and a label in the data).")
    String targetClass;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    private final AnalysisFlags analysis = new AnalysisFlags();

    /** The parsed command line: a --spark run hands its options to the workers. */
    @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public AnalysisFlags analysisFlags() { return analysis; }

    @Option(names = "--spec-a", paramLabel = "KEY=VALUE", description = "Override a field of model A's sidecar, e.g. inputSize=224x224, classes=a,b,c.")
    Map<String, String> specA = new LinkedHashMap<>();
    @Option(names = "--spec-b", paramLabel = "KEY=VALUE", description = "Override a field of model B's sidecar.")
    Map<String, String> specB = new LinkedHashMap<>();
    @Option(names = "--spec-embedder", paramLabel = "KEY=VALUE", description = "Override a field of the embedder's sidecar, e.g. featureOutput=avgpool.")
    Map<String, String> specE = new LinkedHashMap<>();
    @Option(names = "--filter", paramLabel = "COLUMN=VALUE", description = "Keep only images whose CSV column has this value (repeatable).")
    List<String> filters = new ArrayList<>();
    @Option(names = "--no-report", description = "Skip report.html (result.json and segments.csv only).")
    boolean noReport;
    @Option(names = "--figures", description = "Also write figures/<view>.png of each report view, for slides and papers (renders the report in headless Chromium).")
    boolean figures;

    @Option(names = "--cache", paramLabel = "DIR",
        description = "Result cache directory (default: --out). Share one between runs and output directories: models, images and parameters that did not change are not recomputed; a stopped run resumes where it was.")
    Path cacheDir;
    @Option(names = "--no-cache", description = "Neither read nor write the result cache.")
    boolean noCache;
    @Option(names = "--spark", paramLabel = "MASTER",
        description = "Run the per-image stages (predict, rank, Shapley, embed) on Apache Spark: local[N] for N worker threads in this process, or a cluster's master through spark-submit. Same result as without it. Needs the imacs-spark module: ./imacs builds it when --spark is given; see docs/spark.md.")
    String spark;
    @Option(names = "--no-onnx-twin", description = "Run a TorchScript model's forward passes on PyTorch even when an ONNX file of the same base name is beside it.")
    boolean noTwin;

    ComparisonRun.Inputs inputs() {
        if (modelB == null && dataB == null)
            throw new IllegalArgumentException("--model-b is missing: give the second classifier, or --data-b to compare --model-a on two datasets");
        return new ComparisonRun.Inputs(modelA, modelB, embedder, data, dataB, targetClass, specA, specB, specE, filters, allowOutsideData);
    }

    @Override public Integer call() throws Exception {
        ComparisonRun.Inputs inputs = inputs();
        // --out first: a file there, or a read-only directory, is said as such (not as the default cache's problem)
        OutputFiles.createDirectory(out, "outputDir");
        try (OutputLock lock = OutputLock.acquire(out)) { // a second run on this --out stops here, naming this one
            return call(inputs);
        }
    }

    /** The compare command that {@code args} (without "compare") give, parsed as the command line parses them. */
    static CompareCommand parse(List<String> args) {
        CommandLine cl = ImacsCommand.commandLine("compare");
        List<String> all = new ArrayList<>(List.of("compare"));
        all.addAll(args);
        cl.parseArgs(all.toArray(new String[0]));
        return cl.getSubcommands().get("compare").getCommand();
    }

    /** The options this command was given, as arguments {@link #parse} reads back (a worker rebuilds the run from them). */
    private List<String> givenArgs() {
        List<String> args = new ArrayList<>();
        for (CommandLine.Model.OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (o.arity().max() == 0) args.add(o.longestName());
            else for (String v : o.originalStringValues()) { args.add(o.longestName()); args.add(v); }
        }
        return args;
    }

    /** How this command's run is set up; {@code cacheDir} null without a cache. */
    ComparisonRun.Setup setup(Progress progress) {
        return new ComparisonRun.Setup(out, noCache ? null : cacheDir != null ? cacheDir : out, !noTwin, progress);
    }

    private int call(ComparisonRun.Inputs inputs) throws Exception {
        Progress progress = new ConsoleProgress(System.err, System.console() != null);
        ComparisonRun.Setup setup = setup(progress);
        Path cache = setup.cacheDir();
        // Ctrl-C: say how to carry on (the cache keeps every finished chunk of images)
        Thread interrupted = new Thread(() -> System.err.println(System.lineSeparator() + "imacs: stopped. "
            + (cache == null ? "Nothing was cached (--no-cache): a rerun starts over." : "Rerun the same command to resume: finished images are kept in "
            + cache.resolve(SqliteCache.FILE) + ".")));
        Runtime.getRuntime().addShutdownHook(interrupted);
        ComparisonRun.Outcome run;
        List<Path> written;
        long t0;
        if (spark != null) ComparisonRun.check(inputs, analysis.analysis(), setup); // in a moment, not after Spark's start
        try (ScaleOut cluster = spark == null ? null : ScaleOut.start(spark, givenArgs(), out, progress)) {
            try {
                run = ComparisonRun.run(inputs, analysis.analysis(), setup, cluster == null ? io.imacs.pipeline.ImageStages.HERE : cluster.stages());
            } finally {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            }
            t0 = System.nanoTime();
            written = writeOutputs(run.result(), out, noReport);
            if (cluster != null) {
                written.addAll(cluster.writeOutputs(run.result(), out));
                cluster.countPasses(run.classifierPasses(), run.embedderPasses());
                run = run.withLookups(cluster.cacheLookups());
            }
        }
        if (figures && !noReport)
            FigureExporter.exportPngs(out.resolve(ReportWriter.FILE_NAME), out.resolve("figures"))
                .forEach(p -> written.add(out.resolve("figures").resolve(p.getFileName()))); // named like the other outputs
        double outputs = (System.nanoTime() - t0) / 1e9;
        printSummary(System.out, run.result(), written, run.seconds());
        printPasses(System.out, run, cache);
        printTimes(System.out, run, cache, outputs, ImacsCommand.STARTED.get());
        return 0;
    }

    /**
     * Where the wall time went, as the user waited for it: the JVM's start, each stage of the run, writing the
     * outputs; and whether any model was opened (with a cache, models open on their first pass).
     */
    static void printTimes(PrintStream o, ComparisonRun.Outcome run, Path cache, double outputs, ImacsCommand.Startup startup) {
        StringBuilder b = new StringBuilder();
        double named = outputs;
        boolean fromStart = startup != null && !Double.isNaN(startup.jvmSeconds());
        if (fromStart) b.append(String.format(java.util.Locale.ROOT, "%.2f s since the process started: JVM start %.2f s, ",
            startup.secondsSinceProcessStart(), startup.jvmSeconds()));
        for (Map.Entry<String, Double> s : run.stageSeconds().entrySet()) {
            b.append(String.format(java.util.Locale.ROOT, "%s %.2f s, ", s.getKey().split(" \\(")[0], s.getValue()));
            named += s.getValue();
        }
        b.append(String.format(java.util.Locale.ROOT, "outputs %.2f s", outputs));
        // the rest: option parsing, opening the cache, sampling, assembling the result, the summary
        if (fromStart) b.append(String.format(java.util.Locale.ROOT, ", other %.2f s",
            startup.secondsSinceProcessStart() - startup.jvmSeconds() - named));
        long passes = run.classifierPasses().total().calls() + run.embedderPasses().total().calls();
        o.printf("  time: %s; models opened: %s%n", b, passes > 0 ? "yes" : cache == null ? "yes (no cache: opened up front)" : "none");
    }

    /** The predict stage's throughput, model passes of this run and what the cache saved. */
    static void printPasses(PrintStream o, ComparisonRun.Outcome run, Path cache) {
        Double predict = run.stageSeconds().get("predict");
        int predicted = run.result().manifest().dataset().usable();
        var passes = run.classifierPasses().byStage().get("predict");
        // a rate is the models' only when they made the predictions; read from the cache it would flatter them
        if (passes == null || passes.forward() == 0) o.printf("  predict: %d images, every prediction from the cache%n", predicted);
        else if (predict != null && predict > 0)
            o.printf(java.util.Locale.ROOT, "  predict: %d images in %.1f s, %.1f images/s%n", predicted, predict, predicted / predict);
        var c = run.classifierPasses().total();
        var e = run.embedderPasses().total();
        o.printf("  model passes: %d forward, %d backward (classifiers), %d forward (embedder)%n", c.forward(), c.backward(), e.forward());
        if (cache == null) return;
        StringBuilder b = new StringBuilder();
        run.cacheLookups().forEach((kind, hm) -> b.append(b.length() == 0 ? "" : ", ").append(kind).append(' ').append(hm[0]).append('/').append(hm[0] + hm[1]));
        o.printf("  cache %s: reused %s%n", cache.resolve(SqliteCache.FILE), b.length() == 0 ? "nothing" : b);
    }

    static List<Path> writeOutputs(ImacsResult result, Path out, boolean noReport) throws java.io.IOException {
        List<Path> written = new ArrayList<>();
        ResultJson.write(result, out.resolve("result.json"));
        written.add(out.resolve("result.json"));
        SegmentsCsv.write(result, out.resolve("segments.csv"));
        written.add(out.resolve("segments.csv"));
        if (!noReport) written.add(ReportWriter.write(result, out));
        return written;
    }

    /** One screen: counts, the top clusters in the Concept view's order, the output paths. */
    static void printSummary(PrintStream o, ImacsResult r, List<Path> written, double seconds) {
        RunManifest m = r.manifest();
        o.printf("%nIMACS comparison for class '%s' (%d usable images of %d, %.1f s)%n", m.targetClass(),
            m.dataset().usable(), m.dataset().images(), seconds);
        for (Role role : Role.values()) {
            RunManifest.SamplingRecord s = m.sampling().get(role);
            RunManifest.AccuracyRecord acc = m.accuracy().get(role);
            o.printf("  model %s  %-40s accuracy %5.1f%%  sampled %s%n", role, trim(m.models().get(role.name()).path()),
                100 * acc.overall(), s.sampled());
        }
        o.printf("  data     %s%s%n", m.dataset().location(), m.dataset().filters().isEmpty() ? "" : "  (" + String.join(", ", m.dataset().filters()) + ")");
        Object rankA = m.parameters().get("rankA"), rankB = m.parameters().get("rankB");
        if (java.util.Objects.equals(rankA, rankB)) o.printf("  ranking  %s (both models)%n", rankA);
        else o.printf("  ranking  WARNING: A by %s, B by %s (see the warnings)%n", rankA, rankB);
        if (!m.dataset().skipped().isEmpty()) o.printf("  skipped %d unreadable file(s), e.g. %s%n", m.dataset().skipped().size(), m.dataset().skipped().get(0));
        o.printf("  %d segments in %d clusters; the top 5, differences that hold (p <= %s) first, surest first (smallest p, then |A - B| / SE), then by |A - B|:%n%n",
            r.segments().size(), r.clusters().size(), io.imacs.result.MeanDifference.ALPHA);
        o.println("  cluster  size   A    B   mean A     mean B     A - B   95% interval             |A-B|/SE  p       label");
        r.clusters().stream().sorted(Comparator.comparingInt(ClusterSummary::order)).limit(5).forEach(c ->
            o.printf("  %7d %5d %4d %4d %s  %s  %s  %s  %s%n", c.id(), c.size(), c.count().get(Role.A), c.count().get(Role.B),
                signed(c.mean().get(Role.A)), signed(c.mean().get(Role.B)), signed(c.imbalance()), c.difference() == null ? "(empty cluster)"
                    : String.format("[%+.4f, %+.4f]  %7.1f  %-6s", c.difference().low(), c.difference().high(), c.difference().standardized(),
                        c.difference().pValue() < 0.001 ? "<0.001" : String.format("%.3f", c.difference().pValue())),
                c.label() == null ? "" : c.label().text() + (c.label().mixed() ? " (mixed: try a higher --clusters)" : "")));
        o.printf("%n  Findings:%n");
        if (r.findings().isEmpty()) o.println("    " + OptionFlags.render(FindingWriter.NONE));
        for (io.imacs.result.Finding f : r.findings()) o.println("    " + f.text());
        if (!m.warnings().isEmpty()) {
            o.printf("%n  %d warning(s):%n", m.warnings().size());
            m.warnings().stream().limit(5).forEach(w -> o.println("    " + OptionFlags.render(w)));
            if (m.warnings().size() > 5) o.printf("    ... and %d more (result.json, manifest.warnings)%n", m.warnings().size() - 5);
        }
        o.println();
        for (Path p : written) o.println("  wrote " + p);
    }

    /** A mean or difference, or "none" where a model has no segment (never a made-up 0). */
    private static String signed(Double v) { return v == null ? String.format("%9s", "none") : String.format("%+9.4f", v); }

    private static String trim(String s) { return s.length() <= 40 ? s : "…" + s.substring(s.length() - 39); }
}
