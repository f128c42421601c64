package io.imacs.rank;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.attribution.AttributionTask;
import io.imacs.attribution.Baselines;
import io.imacs.attribution.GradientFunction;
import io.imacs.attribution.GuidedIG;
import io.imacs.attribution.IntegratedGradients;
import io.imacs.attribution.PathMethod;
import io.imacs.attribution.PathSteps;
import io.imacs.count.CountingClassifier;
import io.imacs.count.PassCounter;
import io.imacs.fixtures.TinyTanhNet;
import io.imacs.image.GaussianBlur;
import io.imacs.image.PixelImage;
import io.imacs.model.ImageClassifier;
import io.imacs.model.Output;
import io.imacs.segment.GridSegmenter;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** `auto` steps: rounds that double the steps of the requests whose ranking has not settled, up to the cap. */
class StepScheduleTest {
    private static final int M = 3;
    private final TinyTanhNet net = new TinyTanhNet(8, 8, 6, 3, 2);
    private final PassCounter counter = new PassCounter();
    private final ImageClassifier counted = new CountingClassifier(net, counter);
    private final List<RankRequest> requests = List.of(request(1, 0), request(2, 1), request(3, 2), request(4, 0));

    private static RankRequest request(long seed, int target) {
        PixelImage img = TinyTanhNet.randomImage(8, 8, seed);
        return new RankRequest(img, new GridSegmenter(4).segment(img), target, GaussianBlur.apply(img, 2));
    }

    private static IntegratedGradients ig(int steps) { return new IntegratedGradients(steps, IntegratedGradients.Rule.RIEMANN_MIDDLE, 16); }

    private SegmentRanker igRanker(PathSteps.Auto auto) {
        return new IntegratedGradientsRanker(counted.gradients().orElseThrow(), Output.LOGIT, ig(auto.start()), Baselines.black(),
            StepSchedule.auto(auto, M, counted));
    }

    /** The same ranker at a fixed count, on the bare model (its passes are not counted). */
    private List<double[]> fixedScores(int steps, List<RankRequest> reqs) {
        return new IntegratedGradientsRanker(net, Output.LOGIT, ig(steps), Baselines.black()).rank(reqs);
    }

    /** |sum - (f(x) - f(b))| / |f(x) - f(b)| of a path method's attribution, computed here from the method and the model. */
    private double gap(PathMethod method, RankRequest r) {
        float[] attr = method.attribute(List.of(new AttributionTask(r.image().chw(), new float[r.image().size()], r.targetClass())),
            GradientFunction.of(net, 8, 8, Output.LOGIT)).get(0);
        double sum = 0;
        for (float a : attr) sum += a;
        double change = net.value(r.image(), r.targetClass(), Output.LOGIT) - net.value(PixelImage.filled(8, 8, 0), r.targetClass(), Output.LOGIT);
        return Math.abs(sum - change) / Math.abs(change);
    }

    @Test void aSmallGapStopsEveryImageAfterTheFirstRound() {
        List<Ranking> out = igRanker(new PathSteps.Auto(8, 64, 1e9)).ranked(requests);
        List<double[]> fixed = fixedScores(8, requests);
        for (int i = 0; i < requests.size(); i++) {
            assertEquals(8, out.get(i).steps());
            assertArrayEquals(fixed.get(i), out.get(i).scores(), 1e-12, "the 8-step ranking, as a fixed 8-step run gives it");
            assertEquals(gap(ig(8), requests.get(i)), out.get(i).gap(), 1e-6);
        }
        assertEquals(8L * requests.size(), counter.total().backward(), "one round: 8 gradient passes per image");
        assertEquals(2L * requests.size(), counter.total().forward(), "f(x) and f(b) once per image");
    }

    @Test void aGapAboveTheThresholdDoublesUpToTheCap() {
        List<Ranking> out = igRanker(new PathSteps.Auto(8, 32, 0)).ranked(requests);
        List<double[]> fixed = fixedScores(32, requests);
        for (int i = 0; i < requests.size(); i++) {
            assertEquals(32, out.get(i).steps(), "no path integral is exact, so every image runs to the cap");
            assertArrayEquals(fixed.get(i), out.get(i).scores(), 1e-12, "the cap's ranking");
            assertEquals(gap(ig(32), requests.get(i)), out.get(i).gap(), 1e-6);
        }
        assertEquals((8L + 16 + 32) * requests.size(), counter.total().backward(), "each round is a new path: 8 + 16 + 32 passes");
    }

    @Test void theCapIsNeverPassed() {
        List<Ranking> out = igRanker(new PathSteps.Auto(8, 40, 0)).ranked(requests);
        for (Ranking r : out) assertEquals(32, r.steps(), "64 would pass the cap of 40");
        assertEquals((8L + 16 + 32) * requests.size(), counter.total().backward());
        counter.reset();
        for (Ranking r : igRanker(new PathSteps.Auto(8, 8, 0)).ranked(requests)) assertEquals(8, r.steps());
        assertEquals(8L * requests.size(), counter.total().backward());
    }

    @Test void eachImageStopsOnItsOwnWhileTheRestGoOnTogether() {
        double[] first = requests.stream().mapToDouble(r -> gap(ig(8), r)).toArray();
        double low = java.util.Arrays.stream(first).min().orElseThrow(), high = java.util.Arrays.stream(first).max().orElseThrow();
        assertTrue(low < high, "the images differ in their 8-step gaps: " + java.util.Arrays.toString(first));
        double threshold = (low + high) / 2;
        List<Ranking> out = igRanker(new PathSteps.Auto(8, 64, threshold)).ranked(requests);
        long expectedPasses = 0;
        for (int i = 0; i < requests.size(); i++) {
            Ranking r = out.get(i);
            if (first[i] <= threshold) assertEquals(8, r.steps(), "gap " + first[i] + " is below " + threshold);
            else assertTrue(r.steps() > 8, "gap " + first[i] + " is above " + threshold);
            // the image's ranking is the one a fixed run at its steps gives: sharing a round's batch changes nothing
            assertArrayEquals(fixedScores(r.steps(), List.of(requests.get(i))).get(0), r.scores(), 1e-9);
            expectedPasses += LongStream.iterate(8, s -> s <= r.steps(), s -> s * 2).sum();
        }
        assertEquals(expectedPasses, counter.total().backward(), "an image pays for the rounds it took part in, no more");
    }

    @Test void anImageSettlesOnASmallGapAndTheTopMOfTheRoundBefore() {
        StepSchedule s = StepSchedule.auto(new PathSteps.Auto(8, 64, 0.05), M, counted);
        assertTrue(s.settled(0.01, new int[] {3, 1, 2}, null), "first round: no round before, the gap decides");
        assertFalse(s.settled(0.06, new int[] {3, 1, 2}, null));
        assertTrue(s.settled(0.05, new int[] {3, 1, 2}, new int[] {3, 1, 2}));
        assertFalse(s.settled(0.01, new int[] {3, 1, 2}, new int[] {3, 2, 1}), "the same set in another order");
        assertFalse(s.settled(0.01, new int[] {3, 1, 2}, new int[] {3, 1, 4}), "another set");
        assertFalse(s.settled(0.2, new int[] {3, 1, 2}, new int[] {3, 1, 2}), "the same top M, but the gap is too large");
    }

    @Test void theGapIsRelativeToTheOutputChange() {
        assertEquals(0.1, StepSchedule.gap(new float[] {0.5f, 0.5f, 0.1f}, 1.0), 1e-6);
        assertEquals(0.5, StepSchedule.gap(new float[] {-1f}, -2.0), 1e-12);
        assertEquals(0, StepSchedule.gap(new float[] {0f}, 0.0));
        assertEquals(Double.MAX_VALUE, StepSchedule.gap(new float[] {1f}, 0.0), "no change to explain: any sum is off");
    }

    @Test void guidedIGIsAPathMethodToo() {
        // Guided IG moves along its own path from b to x, so its attribution also adds up to f(x) - f(b)
        GuidedIG gig = GuidedIG.paperDefaults(8, 16);
        var ranker = new XraiRanker(counted.gradients().orElseThrow(), Output.LOGIT, gig, Baselines.black(),
            StepSchedule.auto(new PathSteps.Auto(8, 32, 0), M, counted));
        List<Ranking> out = ranker.ranked(requests);
        for (int i = 0; i < requests.size(); i++) {
            assertEquals(32, out.get(i).steps());
            assertEquals(gap(gig.withSteps(32), requests.get(i)), out.get(i).gap(), 1e-6);
            assertTrue(out.get(i).gap() < 0.1, "Guided IG at 32 steps leaves a gap of " + out.get(i).gap());
            assertArrayEquals(new XraiRanker(net, Output.LOGIT, gig.withSteps(32), Baselines.black()).rank(List.of(requests.get(i))).get(0),
                out.get(i).scores(), 1e-9);
        }
        assertEquals((8L + 16 + 32) * requests.size(), counter.total().backward(), "a new path each round");
        assertTrue(ranker.describe().contains("steps=auto start=8 cap=32 max_gap=0.0 top=3"), ranker.describe());
    }

    @Test void fixedStepsMeasureNoGap() {
        List<Ranking> out = new IntegratedGradientsRanker(counted.gradients().orElseThrow(), Output.LOGIT, ig(16), Baselines.black())
            .ranked(requests);
        for (Ranking r : out) {
            assertEquals(16, r.steps());
            assertTrue(Double.isNaN(r.gap()));
        }
        assertEquals(0, counter.total().forward(), "no forward pass for a gap nobody asked for");
    }
}
