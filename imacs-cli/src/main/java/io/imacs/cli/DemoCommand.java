package io.imacs.cli;

import io.imacs.demo.ClassifierReport;
import io.imacs.demo.DemoModels;
import io.imacs.demo.DemoRun;
import io.imacs.demo.DemoScenario;
import io.imacs.demo.DomainShiftScenario;
import io.imacs.demo.FashionMnist;
import io.imacs.demo.TrainingParams;
import io.imacs.demo.WatermarkScenario;
import io.imacs.summarize.FindingWriter;
import io.imacs.pipeline.ImacsConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import io.imacs.comparison.Analysis;
import io.imacs.comparison.AnalysisOptions;
import picocli.CommandLine.Option;

/** {@code imacs demo}: the paper's watermark story (sections 5 and 6.1), offline, in one command. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = DemoCommand.Defaults.class,
    modelTransformer = AnalysisFlags.Binder.class,
    description = "Reproduce the paper's watermark study (or, with --study domain-shift, its section 6.2: two models trained on different datasets) offline.  Generates a 5-class flower dataset (64x64), trains model A on clean images and model B on images where one class carries the text \"IMACS\" (every sunflower; half of the bags on fashion-mnist), keeps an untrained model U and trains an independent embedder E on a broader task (flower parts, backgrounds, text). Then runs compare(A, B) and compare(A, U) on an evaluation set with the watermark on half of every class, and prints what IMACS finds. Trained models are cached. ")
public final class DemoCommand implements Callable<Integer>, AnalysisFlags.Offered {
    @Option(names = "--out", defaultValue = "runs/demo", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--cache", paramLabel = "DIR", description = "Where trained demo models are kept (default: $XDG_CACHE_HOME/imacs/demo or ~/.cache/imacs/demo).")
    Path cache;
    @Option(names = "--study", defaultValue = "watermark", paramLabel = "watermark|domain-shift",
        description = "watermark: the paper's sections 5 and 6.1 (B trained with \"IMACS\" on one class; default). domain-shift: the paper's section 6.2, two models trained on different datasets (A on flowers photographed on natural backgrounds, B on the same flowers before a flat studio backdrop per class, sky blue for sunflowers), both evaluated on A's photographs; flowers only. Its exclusion fill defaults to grey: blur keeps the backdrop's colour, which hides B's shortcut.")
    String study;
    @Option(names = "--dataset", defaultValue = "flowers", paramLabel = "flowers|fashion-mnist",
        description = "flowers (generated) or fashion-mnist (Debian's dataset-fashion-mnist, real images; watermark on 'bag').")
    String dataset;
    @Option(names = "--train-per-class", defaultValue = "300", paramLabel = "N", description = "Training images per class (default: ${DEFAULT-VALUE}).")
    int trainPerClass;
    @Option(names = "--eval-per-class", defaultValue = "60", paramLabel = "N", description = "Evaluation images per class (default: ${DEFAULT-VALUE}).")
    int evalPerClass;
    @Option(names = "--epochs", defaultValue = "6", paramLabel = "N", description = "Training epochs of A and B (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--watermark-fraction", paramLabel = "F",
        description = "Share of the watermark class's training images that carry the watermark for model B (default: 1.0 for flowers, whose generated classes are so easy that the paper's 0.5 leaves B barely relying on it; 0.5 for fashion-mnist, as the paper). The evaluation set keeps it on half of every class.")
    Double watermarkFraction;
    @Option(names = "--backdrop-fraction", paramLabel = "F",
        description = "--study domain-shift: share of each class's studio shots (model B's training set) taken before the class's own backdrop; the others stand before another class's (default: 0.5). 1 makes the backdrop tell the class outright.")
    Double backdropFraction;
    @Option(names = "--scenario-seed", defaultValue = "42", paramLabel = "S", description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
    long scenarioSeed;

    private final AnalysisFlags analysis = new AnalysisFlags();

    @Override public AnalysisFlags analysisFlags() { return analysis; }
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    /**
     * Analysis defaults for the demo: sized for minutes on two cores, and logits, because A and B are near 100%
     * confident on this synthetic task and a saturated softmax flattens every Shapley value. k = 10: the scenes hold
     * about that many concepts (object parts of 5 or 10 classes, backgrounds, text), and at k = 6 the watermark
     * shared a cluster with look-alike parts (sunflower centres, sneaker soles) on some seeds (docs/faithfulness.md).
     * Other options, the embedding space included, keep compare's defaults.
     */
    public static final class Defaults implements picocli.CommandLine.IDefaultValueProvider {
        /** The demo's own analysis defaults (public so DemoStoryTest runs the demo's code path, not a copy of it). */
        public static final java.util.Map<String, String> DEMO = java.util.Map.of(
            OptionFlags.flag(AnalysisOptions.IMAGES_PER_MODEL), "40", OptionFlags.flag(AnalysisOptions.CLUSTERS), "10",
            OptionFlags.flag(AnalysisOptions.GIG_STEPS), "16", OptionFlags.flag(AnalysisOptions.OUTPUT), "logit");
        /**
         * What a study changes on top of {@link #DEMO} unless the user sets it. Domain shift: a grey exclusion fill, because
         * blur keeps a region's colour and B's shortcut is a colour (the backdrop): under blur B's Shapley values are
         * next to zero everywhere and the background cluster never surfaces (docs/faithfulness.md).
         */
        public static final java.util.Map<String, java.util.Map<String, String>> STUDY = java.util.Map.of(
            "watermark", java.util.Map.of(), "domain-shift", java.util.Map.of(OptionFlags.flag(AnalysisOptions.EXCLUSION), "grey"));

        @Override public String defaultValue(picocli.CommandLine.Model.ArgSpec arg) {
            return arg instanceof picocli.CommandLine.Model.OptionSpec o ? DEMO.get(o.longestName()) : null;
        }
    }

    /** The analysis values of {@code imacs demo ARGS}: the demo's defaults, changed by the arguments. */
    public static Analysis analysis(String... args) {
        DemoCommand demo = new DemoCommand();
        new picocli.CommandLine(demo).parseArgs(args);
        return demo.analysis.analysis();
    }

    @Override public Integer call() throws Exception {
        PrintStream o = System.out;
        DemoScenario scenario = scenario();
        // the study's own defaults, for the options the user left alone
        for (var e : Defaults.STUDY.get(study).entrySet())
            if (!spec.commandLine().getParseResult().hasMatchedOption(e.getKey())) spec.findOption(e.getKey()).setValue(e.getValue());
        TrainingParams d = TrainingParams.defaults();
        TrainingParams training = new TrainingParams(epochs, d.batchSize(), d.learningRate(), d.seed(), d.embedderCrops(), d.embedderEpochs());
        Analysis values = analysis.analysis();
        ImacsConfig config = values.config(scenario.targetClass());
        long t0 = System.nanoTime();
        DemoRun.Outcome r = DemoRun.run(scenario, training, cache != null ? cache : DemoModels.defaultCacheDir(), out, config,
            values.segmenter(), values.attribution(), new ConsoleProgress(System.err, System.console() != null),
            msg -> System.err.println("imacs demo: " + msg));
        try (DemoModels models = r.models()) {
            List<java.nio.file.Path> written = new java.util.ArrayList<>();
            for (DemoRun.Comparison c : r.comparisons()) written.addAll(CompareCommand.writeOutputs(c.result(), c.dir(), false));
            DemoScenario.Wording w = scenario.wording();
            o.printf("%nIMACS demo: %s, class '%s' (%s, %.0f s)%n%n", w.study(),
                scenario.targetClass(), models.trained() ? "models trained" : "models from cache " + models.directory(), (System.nanoTime() - t0) / 1e9);
            String ref = w.reference() + " eval", ev = w.evaluation() + " eval";
            o.printf("  model  %s  %s  %s -> %s%n", ref, ev, w.shortcutImages(), scenario.targetClass());
            for (ClassifierReport c : models.classifierReports())
                o.printf("  %-5s  %" + (ref.length() - 1) + ".1f%%  %" + (ev.length() - 1) + ".1f%%  %" + (w.shortcutImages().length() - 1) + ".1f%%%n",
                    c.name(), 100 * c.referenceAccuracy(), 100 * c.evalAccuracy(), 100 * c.shortcutToTarget());
            o.printf("%n  time by stage: %s", String.join("; ", r.stageSeconds().entrySet().stream()
                .map(e -> String.format("%s %.1f s", e.getKey(), e.getValue())).toList()));
            for (ClassifierReport c : models.classifierReports())
                if (models.trained() && c.trainSeconds() > 0) o.printf(" (training %s %.1f s)", c.name(), c.trainSeconds());
            o.println();
            for (DemoRun.Comparison c : r.comparisons()) {
                o.printf("%n  %s%n", c.title());
                String[] roles = c.name().equals("b-drift") ? new String[] {"B on " + w.reference(), "B on " + w.evaluation()}
                    : new String[] {"A", c.name().equals("a-vs-u") ? "U" : "B"};
                c.findings().lines(roles[0], roles[1], w.shortcutSegments()).forEach(l -> o.println("    " + l));
                o.printf("    classifier passes: %,d forward, %,d gradient (forward and backward)%n", c.passes().forward(), c.passes().backward());
                if (c.name().equals("a-vs-u")) o.println("    " + c.findings().perClusterLine("A", "U"));
                // the report's first finding, as compare prints it: there A and B are the comparison's two sides
                String sides = roles[0].equals("A") && roles[1].equals("B") ? "" : " (A = " + roles[0] + ", B = " + roles[1] + ")";
                o.println("    first finding" + sides + ": " + OptionFlags.render(c.result().findings().isEmpty() ? FindingWriter.NONE : c.result().findings().get(0).text()));
            }
            o.println();
            for (java.nio.file.Path p : written) o.println("  wrote " + p);
            o.printf("%n  open %s to see the %s cluster%n", r.get("a-vs-b").dir().resolve("report.html"), w.shortcut());
        }
        return 0;
    }

    private DemoScenario scenario() {
        // the library's checks would name no flag ("epochs must be at least 1")
        if (trainPerClass < 2) throw new IllegalArgumentException("--train-per-class must be at least 2, got " + trainPerClass);
        if (evalPerClass < 2) throw new IllegalArgumentException("--eval-per-class must be at least 2, got " + evalPerClass);
        if (epochs < 1) throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        if (study.equals("domain-shift")) {
            if (!dataset.equals("flowers")) throw new IllegalArgumentException("--study domain-shift: only --dataset flowers has backgrounds to shift");
            if (watermarkFraction != null) throw new IllegalArgumentException("--watermark-fraction: only with --study watermark");
            DomainShiftScenario s = DomainShiftScenario.flowers().withCounts(trainPerClass, evalPerClass).withSeed(scenarioSeed);
            return backdropFraction != null ? s.withBackdropFraction(backdropFraction) : s;
        }
        if (backdropFraction != null) throw new IllegalArgumentException("--backdrop-fraction: only with --study domain-shift");
        if (!study.equals("watermark")) throw new IllegalArgumentException("--study " + study + ": expected watermark or domain-shift");
        WatermarkScenario scenario = switch (dataset) {
            case "flowers" -> WatermarkScenario.flowers();
            case "fashion-mnist" -> {
                if (!FashionMnist.isInstalled(FashionMnist.DEFAULT_DIR))
                    throw new IllegalArgumentException("--dataset fashion-mnist: " + FashionMnist.DEFAULT_DIR
                        + " not found; install it with: sudo apt-get install dataset-fashion-mnist");
                yield WatermarkScenario.fashionMnist(FashionMnist.DEFAULT_DIR);
            }
            default -> throw new IllegalArgumentException("--dataset " + dataset + ": expected flowers or fashion-mnist");
        };
        scenario = scenario.withCounts(trainPerClass, evalPerClass).withSeed(scenarioSeed);
        return watermarkFraction != null ? scenario.withTrainWatermarkFraction(watermarkFraction) : scenario;
    }
}
