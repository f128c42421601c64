package io.imacs.cli;

import io.imacs.attribution.Baselines;
import io.imacs.attribution.IntegratedGradients;
import io.imacs.cli.attribute.HeatMap;
import io.imacs.cli.attribute.NpyWriter;
import io.imacs.image.ImageFiles;
import io.imacs.image.PixelImage;
import io.imacs.image.Resize;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ModelInfo;
import io.imacs.model.Output;
import io.imacs.result.ResultJson;
import io.imacs.segment.GridSegmenter;
import io.imacs.segment.Segmenter;
import io.imacs.segment.SlicSegmenter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.imacs.comparison.Analysis;
import io.imacs.comparison.AnalysisOptions;
import io.imacs.comparison.Comparison;
import io.imacs.model.ModelFormats;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code imacs attribute}: one pixel attribution of one image by one model, as .npy, heat-map .png and .json. */
@Command(name = "attribute", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = AnalysisFlags.Binder.class,
    description = {
        "Explain one image's class score with an attribution method; writes PREFIX.npy, PREFIX.png, PREFIX.json.",
        "",
        "Prints f(x), f(baseline) and the attribution's sum, so completeness (sum = f(x) - f(baseline)",
        "for IG) can be read at a glance. Gradient methods need a TorchScript model; occlusion runs on any.",
        ""},
    footer = {"", "Examples:",
        "  imacs attribute --model a.pt --image cat.png --class cat --method ig --steps 256 --out out/cat-ig",
        "  imacs attribute --model a.onnx --image cat.png --class cat --method occlusion --grid 8 --out out/cat-occ"})
public final class AttributeCommand implements Callable<Integer>, AnalysisFlags.Offered {
    /** Blur IG's largest sigma when --baseline does not give one (the reference's default). */
    static final double BLUR_IG_MAX_SIGMA = 50;
    /** The heat map's longer side is scaled up to at least this many pixels. */
    static final int PNG_MIN_SIDE = 256;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Classifier (.pt TorchScript for gradient methods, or .onnx).")
    Path modelFile;
    @Option(names = "--image", required = true, paramLabel = "FILE", description = "Image to explain (resized to the model's input size).")
    Path imageFile;
    @Option(names = "--class", required = true, paramLabel = "NAME", description = "Class to explain, by name (or index).")
    String className;
    @Option(names = "--method", required = true, paramLabel = "METHOD",
        description = "ig, gig (Guided IG), xrai (over IG), xrai-gig (over Guided IG, the paper's), blurig, occlusion, smoothgrad.")
    String method;
    @Option(names = "--out", required = true, paramLabel = "PREFIX", description = "Output prefix: writes PREFIX.npy, PREFIX.png, PREFIX.json.")
    String out;
    @Option(names = "--steps", defaultValue = "64", paramLabel = "N",
        description = "Path steps (ig, gig, xrai*, blurig) or noisy samples (smoothgrad) (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--baseline", paramLabel = "SPEC",
        description = "black, white, blur[:sigma], noise[:seed] or an image file (default: black; blurig: blur:50, the largest sigma). For occlusion, what replaces an occluded segment.")
    String baseline;
    @Option(names = "--ig-rule", defaultValue = "riemann-middle", paramLabel = "RULE",
        description = "IG step rule (ig, xrai): riemann-left, riemann-right, riemann-middle, trapezoid (default: ${DEFAULT-VALUE}).")
    String igRule;
    /** The analysis options that mean the same here as in a comparison, with the same declared defaults. */
    private final AnalysisFlags analysis = new AnalysisFlags(List.of(AnalysisOptions.OUTPUT, AnalysisOptions.SEGMENTATION,
        AnalysisOptions.GRID, AnalysisOptions.SLIC_SEGMENTS, AnalysisOptions.BATCH_SIZE, AnalysisOptions.SEED));

    @Override public AnalysisFlags analysisFlags() { return analysis; }

    @Option(names = "--spec", paramLabel = "KEY=VALUE", description = "Override a field of the model's sidecar, e.g. classes=a,b,c.")
    Map<String, String> spec = new LinkedHashMap<>();

    @Override public Integer call() throws Exception {
        AttributeMethod m = AttributeMethod.parse(method);
        Analysis values = analysis.analysis();
        Output out = values.get(AnalysisOptions.OUTPUT);
        int batchSize = values.get(AnalysisOptions.BATCH_SIZE);
        long seed = values.get(AnalysisOptions.SEED);
        IntegratedGradients.Rule rule = IntegratedGradients.Rule.parse(igRule);
        if (steps < 1) throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
        Segmenter segmenter = segmenter(m, values);
        Double blurSigma = m == AttributeMethod.BLURIG ? blurIgSigma() : null;
        Baselines.Baseline base = switch (m) {
            case BLURIG -> Baselines.blurred(blurSigma);
            case SMOOTHGRAD -> null;
            default -> Baselines.parse(baseline == null ? "black" : baseline, seed);
        };
        PixelImage original;
        try {
            original = ImageFiles.read(imageFile);
        } catch (ImageFiles.ImageReadException e) {
            throw new IllegalArgumentException("--image " + e.getMessage(), e);
        }

        ModelFormats formats = ModelFormats.installed();
        try (ImageClassifier model = formats.classifier(modelFile, "model", spec, false)) {
            ModelInfo info = model.info();
            if (m.needsGradients && model.gradients().isEmpty())
                throw new IllegalArgumentException("--method " + m.cliName() + " needs input gradients, but --model " + modelFile
                    + " is an ONNX model (ONNX Runtime gives none); use --method occlusion, or export the model to TorchScript (.pt)");
            int target = classIndex(info);
            PixelImage x = original.width() == info.inputWidth() && original.height() == info.inputHeight()
                ? original : Resize.bilinear(original, info.inputWidth(), info.inputHeight());
            PixelImage b = base == null ? null : base.of(x);

            Attributor.Settings settings = new Attributor.Settings(steps, rule, batchSize, seed, segmenter, blurSigma == null ? 0 : blurSigma);
            Attributor.Result r = new Attributor(model, out, settings).run(m, x, b, target);
            float[][] f = model.outputs(b == null ? List.of(x) : List.of(x, b), out);
            double fx = f[0][target];
            Double fb = b == null ? null : (double) f[1][target];
            Double diff = fb == null ? null : fx - fb;
            Double gap = !m.complete || diff == null || diff == 0 ? null : Math.abs(r.sum() - diff) / Math.abs(diff);

            Path prefix = Path.of(this.out);
            Path npy = sibling(prefix, ".npy"), png = sibling(prefix, ".png"), json = sibling(prefix, ".json");
            NpyWriter.writeFloat32(npy, r.values(), r.shape());
            double[] map = Attributor.pixelMap(r);
            int zoom = HeatMap.zoomFor(x, PNG_MIN_SIDE);
            ImageFiles.writePng(m.signed ? HeatMap.diverging(map, x, zoom) : HeatMap.sequential(map, x, zoom), png);
            AttributionSummary summary = new AttributionSummary("imacs attribute", ImacsCommand.VERSION, m.cliName(), r.description(),
                Comparison.modelRecord(formats, modelFile, "model", spec), imageFile.toString(), info.classNames().get(target), target,
                out.name().toLowerCase(Locale.ROOT), base == null ? null : base.describe(), fx, fb, diff, r.sum(), gap,
                Arrays.stream(r.shape()).boxed().toList(), parameters(m, rule, segmenter, blurSigma), r.details());
            ResultJson.MAPPER.writeValue(json.toFile(), summary);
            print(System.out, summary, List.of(npy, png, json));
        }
        return 0;
    }

    /** Segments for occlusion and regions for XRAI; null = XRAI's own Felzenszwalb regions. */
    private static Segmenter segmenter(AttributeMethod m, Analysis values) {
        boolean xrai = m == AttributeMethod.XRAI || m == AttributeMethod.XRAI_GIG;
        return switch (values.get(AnalysisOptions.SEGMENTATION)) {
            case AUTO -> xrai ? null : values.segmenter();
            case GRID, SLIC -> values.segmenter();
            case FELZENSZWALB -> {
                if (!xrai) throw new IllegalArgumentException("--segmentation felzenszwalb is XRAI's multi-scale regions; use it with --method xrai or xrai-gig");
                yield null;
            }
        };
    }

    /** Blur IG integrates from the image blurred with the largest sigma: only blur[:sigma] makes sense as its baseline. */
    private double blurIgSigma() {
        if (baseline == null || baseline.trim().equals("blur")) return BLUR_IG_MAX_SIGMA;
        String s = baseline.trim();
        if (!s.startsWith("blur:"))
            throw new IllegalArgumentException("--baseline " + baseline + ": blurig integrates from a blurred copy of the image; use blur[:sigma] or leave --baseline out");
        try {
            double sigma = Double.parseDouble(s.substring(5));
            if (!(sigma > 0)) throw new NumberFormatException();
            return sigma;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--baseline " + baseline + ": the blur sigma must be a positive number, e.g. blur:20");
        }
    }

    private int classIndex(ModelInfo info) {
        int k = info.classIndex(className);
        if (k >= 0) return k;
        try {
            int i = Integer.parseInt(className.trim());
            if (i >= 0 && i < info.classNames().size()) return i;
        } catch (NumberFormatException ignored) {
            // not an index either: report the names below
        }
        throw new IllegalArgumentException("--class " + className + " is not a class of " + modelFile + "; its classes are "
            + String.join(", ", info.classNames()));
    }

    private Map<String, Object> parameters(AttributeMethod m, IntegratedGradients.Rule rule, Segmenter segmenter, Double blurSigma) {
        long seed = analysis.analysis().get(AnalysisOptions.SEED);
        Map<String, Object> p = new LinkedHashMap<>();
        if (m != AttributeMethod.OCCLUSION) p.put(m == AttributeMethod.SMOOTHGRAD ? "samples" : "steps", steps);
        if (m == AttributeMethod.IG || m == AttributeMethod.XRAI) p.put("igRule", rule.cliName());
        if (m == AttributeMethod.SMOOTHGRAD) { p.put("noise", Attributor.SMOOTHGRAD_NOISE); p.put("seed", seed); }
        if (m == AttributeMethod.BLURIG) { p.put("maxSigma", blurSigma); p.put("gradStep", Attributor.BLUR_IG_GRAD_STEP); }
        if (m == AttributeMethod.OCCLUSION || m == AttributeMethod.XRAI || m == AttributeMethod.XRAI_GIG)
            p.put("segmentation", segmenter == null ? "xrai felzenszwalb" : segmenter.describe());
        if (baseline != null && baseline.startsWith("noise")) p.put("seed", seed);
        p.put("batchSize", analysis.analysis().get(AnalysisOptions.BATCH_SIZE));
        return p;
    }

    private static Path sibling(Path prefix, String ext) throws java.io.IOException {
        Path p = prefix.resolveSibling(prefix.getFileName() + ext);
        Path parent = p.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        return p;
    }

    static void print(PrintStream o, AttributionSummary s, List<Path> written) {
        o.printf("%nimacs attribute: %s%n  model %s, class '%s' (%d), output %s%n", s.description(), s.model().path(), s.targetClass(),
            s.classIndex(), s.output());
        o.printf("  %-22s %9.6f%n", "f(x)", s.fx());
        if (s.fBaseline() == null) o.printf("  %-22s %9s   (%s has no baseline)%n", "f(baseline)", "n/a", s.method());
        else {
            o.printf("  %-22s %9.6f   (%s)%n", "f(baseline)", s.fBaseline(), s.baseline());
            o.printf("  %-22s %9.6f%n", "f(x) - f(baseline)", s.difference());
        }
        String what = switch (s.method()) {
            case "occlusion" -> "sum of segment drops";
            case "xrai" -> "sum of IG under XRAI";
            case "xrai-gig" -> "sum of GIG under XRAI";
            default -> "sum of attribution";
        };
        o.printf("  %-22s %9.6f", what, s.sum());
        if (s.relativeGap() != null) o.printf("   (gap to f(x) - f(baseline): %.2f%%)", 100 * s.relativeGap());
        o.println();
        List<String> dims = new ArrayList<>();
        for (int d : s.shape()) dims.add(Integer.toString(d));
        o.printf("  wrote %s (%s float32), %s, %s%n", written.get(0), String.join("x", dims), written.get(1), written.get(2));
    }
}
