package io.imacs.cli;

import io.imacs.data.EvalSet;
import io.imacs.data.EvalSetLoader;
import io.imacs.image.ExclusionFill;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ImageEmbedder;
import io.imacs.model.ModelSpec;
import io.imacs.model.Output;
import io.imacs.model.Preprocessor;
import io.imacs.pipeline.ImacsConfig;
import io.imacs.pipeline.ImacsPipeline;
import io.imacs.progress.Progress;
import io.imacs.report.ReportWriter;
import io.imacs.result.ClusterSummary;
import io.imacs.result.ImacsResult;
import io.imacs.result.ResultJson;
import io.imacs.result.RunManifest;
import io.imacs.result.SegmentsCsv;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code imacs compare}: the whole IMACS pipeline for two models and one class. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Compare what two image classifiers rely on for one class (the IMACS pipeline).",
        "",
        "Per model, samples a balanced confusion matrix of the class (TP, FP, FN, TN), splits each image into segments, ranks them (XRAI over Guided IG for TorchScript models, occlusion for ONNX), scores the top segments with Shapley values, embeds them with a third model and clusters the segments of both models together. Writes result.json, segments.csv and report.html to --out.", ""},
    footer = {"", "Example:",
        "  imacs compare --model-a a.onnx --model-b b.pt --embedder emb.onnx --data eval/ \\",
        "                --class sunflowers --clusters 5 --out runs/flowers",
        "", "Each model file needs a sidecar JSON with the same base name (a.onnx -> a.json); see README."})
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--model-a", required = true, paramLabel = "FILE", description = "First classifier (.onnx or .pt TorchScript).")
    Path modelA;
    @Option(names = "--model-b", required = true, paramLabel = "FILE", description = "Second classifier (.onnx or .pt TorchScript).")
    Path modelB;
    @Option(names = "--embedder", required = true, paramLabel = "FILE",
        description = "Independent feature model for clustering segments (.onnx or .pt). Its sidecar's featureOutput names the feature output.")
    Path embedder;
    @Option(names = "--data", required = true, paramLabel = "DIR|CSV",
        description = "Evaluation images: an ImageFolder directory DIR/<class>/<image>, or a CSV with columns path,label[,annotations...].")
    Path data;
    @Option(names = "--class", required = true, paramLabel = "NAME", description = "Target class c, by name (must be a class of both models and a label in the data).")
    String targetClass;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    @Mixin AnalysisOptions analysis = new AnalysisOptions();

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

    @Override public Integer call() throws Exception {
        PrintStream err = System.err;
        ImacsConfig config = analysis.config(targetClass);
        EvalSet evalSet = EvalSetLoader.load(data, filters);
        Map<String, RunManifest.ModelRecord> records = new LinkedHashMap<>();
        records.put("A", ModelLoader.record(modelA, "--model-a", specA));
        records.put("B", ModelLoader.record(modelB, "--model-b", specB));
        records.put("embedder", ModelLoader.record(embedder, "--embedder", specE));
        Progress progress = new ConsoleProgress(err, System.console() != null);
        long t0 = System.nanoTime();
        ImacsResult result;
        try (ImageClassifier a = ModelLoader.classifier(modelA, "--model-a", specA);
             ImageClassifier b = ModelLoader.classifier(modelB, "--model-b", specB);
             ImageEmbedder e = ModelLoader.embedder(embedder, "--embedder", specE)) {
            Preprocessor ePre = new Preprocessor(ModelSpec.load(embedder, specE));
            Files.createDirectories(out);
            ImacsPipeline pipeline = new ImacsPipeline(config, analysis.segmenter(), analysis.attribution(), progress);
            result = pipeline.run(evalSet, new ImacsPipeline.Models(a, b, e, ePre), records, ImacsCommand.VERSION, out);
        }
        List<Path> written = writeOutputs(result, out, noReport);
        printSummary(System.out, result, written, (System.nanoTime() - t0) / 1e9);
        return 0;
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

    /** One screen: counts, the top clusters by imbalance, the output paths. */
    static void printSummary(PrintStream o, ImacsResult r, List<Path> written, double seconds) {
        RunManifest m = r.manifest();
        o.printf("%nIMACS comparison for class '%s' (%d usable images of %d, %.1f s)%n", m.targetClass(),
            m.dataset().usable(), m.dataset().images(), seconds);
        for (String role : List.of("A", "B")) {
            RunManifest.SamplingRecord s = m.sampling().get(role);
            RunManifest.AccuracyRecord acc = m.accuracy().get(role);
            o.printf("  model %s  %-40s accuracy %5.1f%%  sampled %s%n", role, trim(m.models().get(role).path()),
                100 * acc.overall(), s.sampled());
        }
        if (!m.dataset().skipped().isEmpty()) o.printf("  skipped %d unreadable file(s), e.g. %s%n", m.dataset().skipped().size(), m.dataset().skipped().get(0));
        o.printf("  %d segments in %d clusters%n%n", r.segments().size(), r.clusters().size());
        o.println("  cluster  size   A    B   mean A     mean B     A - B");
        r.clusters().stream().sorted(Comparator.comparingInt(ClusterSummary::order)).limit(5).forEach(c ->
            o.printf("  %7d %5d %4d %4d %+9.4f  %+9.4f  %+9.4f%n", c.id(), c.size(), c.count().get("A"), c.count().get("B"),
                c.mean().get("A"), c.mean().get("B"), c.imbalance()));
        if (!m.warnings().isEmpty()) {
            o.printf("%n  %d warning(s):%n", m.warnings().size());
            m.warnings().stream().limit(5).forEach(w -> o.println("    " + w));
        }
        o.println();
        for (Path p : written) o.println("  wrote " + p);
    }

    private static String trim(String s) { return s.length() <= 40 ? s : "…" + s.substring(s.length() - 39); }
}
