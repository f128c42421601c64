package io.imacs.cli;

import io.imacs.attribution.AttributionTask;
import io.imacs.attribution.Baselines;
import io.imacs.attribution.GradientFunction;
import io.imacs.attribution.GuidedIG;
import io.imacs.attribution.IntegratedGradients;
import io.imacs.djl.DjlClassifier;
import io.imacs.djl.TorchScriptModels;
import io.imacs.image.GaussianBlur;
import io.imacs.image.ImageFiles;
import io.imacs.image.PixelImage;
import io.imacs.model.Differentiable;
import io.imacs.model.Gradients;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ModelInfo;
import io.imacs.model.Output;
import io.imacs.rank.GuidedIGRanker;
import io.imacs.rank.IntegratedGradientsRanker;
import io.imacs.rank.OcclusionRanker;
import io.imacs.rank.RankRequest;
import io.imacs.rank.SegmentRanker;
import io.imacs.rank.XraiRanker;
import io.imacs.score.ExactShapleyScorer;
import io.imacs.score.ScoreRequest;
import io.imacs.segment.GridSegmenter;
import io.imacs.segment.Segment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: numbers for docs/benchmarks.md "## Attribution methods". Disabled unless -Dbench=true:
 * {@code mvn -q -B -pl imacs-cli -am test -Dtest=AttributionBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench=true}.
 * (1) Guided IG on the fixture TorchScript model, paths of all images x classes batched per step vs one
 * path at a time, in one run; (2) model passes per image each ranking / scoring method makes, counted.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class AttributionBenchmark {
    private static final int IMAGES = 8, STEPS = 32, ROUNDS = 5;

    @Test void guidedIgBatchedVersusOnePathAtATime() {
        try (DjlClassifier model = TorchScriptModels.classifier(Path.of(CliRun.fixture("models/classifier_a.pt")))) {
            List<AttributionTask> tasks = new ArrayList<>();
            for (PixelImage x : images(IMAGES))
                for (int c = 0; c < model.info().classNames().size(); c++)
                    tasks.add(new AttributionTask(x.chw(), new float[x.size()], c));
            GradientFunction g = GradientFunction.of(model, 32, 32, Output.PROBABILITY);
            long[] inModel = new long[1];   // time inside gradient calls; the rest is the paths' own work in Java
            GradientFunction f = (inputs, targets) -> {
                long t = System.nanoTime();
                Gradients out = g.apply(inputs, targets);
                inModel[0] += System.nanoTime() - t;
                return out;
            };
            GuidedIG batched = GuidedIG.paperDefaults(STEPS, tasks.size()), single = GuidedIG.paperDefaults(STEPS, 1);
            batched.attribute(tasks.subList(0, 3), f);   // warm-up: JIT, DJL's first calls
            for (AttributionTask t : tasks.subList(0, 3)) single.attribute(List.of(t), f);
            double[] tb = new double[ROUNDS], ts = new double[ROUNDS], mb = new double[ROUNDS], ms = new double[ROUNDS];
            List<float[]> a = null, b = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                inModel[0] = 0;
                long t0 = System.nanoTime();
                a = batched.attribute(tasks, f);
                tb[r] = (System.nanoTime() - t0) / 1e9;
                mb[r] = inModel[0] / 1e9;
                b.clear();
                inModel[0] = 0;
                t0 = System.nanoTime();
                for (AttributionTask t : tasks) b.add(single.attribute(List.of(t), f).get(0));
                ts[r] = (System.nanoTime() - t0) / 1e9;
                ms[r] = inModel[0] / 1e9;
            }
            double maxDiff = 0;
            for (int i = 0; i < a.size(); i++) for (int k = 0; k < a.get(i).length; k++) maxDiff = Math.max(maxDiff, Math.abs(a.get(i)[k] - b.get(i)[k]));
            Arrays.sort(tb);
            Arrays.sort(ts);
            Arrays.sort(mb);
            Arrays.sort(ms);
            System.out.printf("%nGuided IG, %d paths (%d images x %d classes), %d steps, fixture classifier_a.pt (32x32), %d rounds, median:%n",
                tasks.size(), IMAGES, model.info().classNames().size(), STEPS, ROUNDS);
            System.out.printf("  batched per step (%d calls of %d):   %.3f s total, %.3f s in the model%n", STEPS, tasks.size(), tb[ROUNDS / 2], mb[ROUNDS / 2]);
            System.out.printf("  one path at a time (%d calls of 1): %.3f s total, %.3f s in the model%n", STEPS * tasks.size(), ts[ROUNDS / 2], ms[ROUNDS / 2]);
            System.out.printf("  speed-up: %.2fx overall, %.2fx in the model; max |difference| between the two: %.3g%n",
                ts[ROUNDS / 2] / tb[ROUNDS / 2], ms[ROUNDS / 2] / mb[ROUNDS / 2], maxDiff);
        }
    }

    @Test void modelPassesPerImage() {
        try (DjlClassifier djl = TorchScriptModels.classifier(Path.of(CliRun.fixture("models/classifier_a.pt")))) {
            Counting model = new Counting(djl);
            PixelImage x = images(1).get(0);
            List<Segment> segments = new GridSegmenter(4).segment(x);
            RankRequest request = new RankRequest(x, segments, 0, GaussianBlur.apply(x, 3.2));
            Output o = Output.PROBABILITY;
            List<SegmentRanker> rankers = List.of(
                new IntegratedGradientsRanker(model, o, new IntegratedGradients(STEPS, IntegratedGradients.Rule.RIEMANN_MIDDLE, 32), Baselines.black()),
                new GuidedIGRanker(model, o, GuidedIG.paperDefaults(STEPS, 32), Baselines.black()),
                new XraiRanker(model, o, GuidedIG.paperDefaults(STEPS, 32), Baselines.black()),
                new OcclusionRanker(model, o, 32));
            System.out.printf("%nModel passes per image and class (one image, 4x4 grid N=16, steps=%d, M=5):%n", STEPS);
            System.out.printf("  %-60s %8s %8s%n", "method", "forward", "gradient");
            for (SegmentRanker r : rankers) {
                model.reset();
                r.rank(List.of(request));
                System.out.printf("  %-60s %8d %8d%n", r.describe().substring(0, Math.min(60, r.describe().length())), model.forward, model.backward);
            }
            model.reset();
            ExactShapleyScorer shapley = new ExactShapleyScorer(model, o, 32);
            shapley.score(List.of(new ScoreRequest(x, request.fill(), segments.subList(0, 5), new int[] {0})));
            System.out.printf("  %-60s %8d %8d%n", shapley.describe(), model.forward, model.backward);
        }
    }

    private static List<PixelImage> images(int n) {
        String[] cls = {"circle", "square", "stripes"};
        List<PixelImage> out = new ArrayList<>();
        for (int i = 0; i < n; i++)
            out.add(ImageFiles.read(Path.of(CliRun.fixture(String.format("data/%s/%s_%03d.png", cls[i % 3], cls[i % 3], i / 3)))));
        return out;
    }

    /** Counts images through forward and gradient calls. */
    private static final class Counting implements ImageClassifier, Differentiable {
        final DjlClassifier inner;
        int forward, backward;

        Counting(DjlClassifier inner) { this.inner = inner; }

        void reset() { forward = backward = 0; }

        @Override public ModelInfo info() { return inner.info(); }
        @Override public float[][] probabilities(List<PixelImage> batch) { forward += batch.size(); return inner.probabilities(batch); }
        @Override public float[][] logits(List<PixelImage> batch) { forward += batch.size(); return inner.logits(batch); }
        @Override public Optional<Differentiable> gradients() { return Optional.of(this); }
        @Override public Gradients gradients(List<PixelImage> batch, int[] classes, Output output) {
            backward += batch.size();
            return inner.gradients(batch, classes, output);
        }
        @Override public void close() {}
    }
}
