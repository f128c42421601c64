package io.imacs.rank;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.attribution.Baselines;
import io.imacs.attribution.IntegratedGradients;
import io.imacs.fixtures.TinyTanhNet;
import io.imacs.image.GaussianBlur;
import io.imacs.image.PixelImage;
import io.imacs.model.Output;
import io.imacs.segment.GridSegmenter;
import io.imacs.segment.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankerTest {
    private static RankRequest request(long seed, int target) {
        PixelImage img = TinyTanhNet.randomImage(8, 8, seed);
        return new RankRequest(img, new GridSegmenter(4).segment(img), target, GaussianBlur.apply(img, 2));
    }

    @Test void occlusionScoreIsTheDropWhenTheSegmentIsBlurred() {
        TinyTanhNet net = new TinyTanhNet(8, 8, 6, 3, 2);
        List<RankRequest> reqs = List.of(request(1, 0), request(2, 1));
        List<double[]> scores = new OcclusionRanker(net, Output.PROBABILITY, 100).rank(reqs);
        assertEquals(List.of(34), net.batchSizes, "2 originals + 2x16 occluded images in one batch");
        for (int r = 0; r < 2; r++) {
            RankRequest q = reqs.get(r);
            double original = net.value(q.image(), q.targetClass(), Output.PROBABILITY);
            for (Segment s : q.segments()) {
                boolean[] keep = new boolean[64];
                for (int i = 0; i < 64; i++) keep[i] = !s.mask()[i];
                double occluded = net.value(q.image().composite(keep, q.fill()), q.targetClass(), Output.PROBABILITY);
                assertEquals(original - occluded, scores.get(r)[s.index()], 1e-6);
            }
        }
        assertTrue(new OcclusionRanker(net, Output.LOGIT, 8).describe().startsWith("occlusion"));
    }

    @Test void integratedGradientsMassSumsToTheOutputDifference() {
        TinyTanhNet net = new TinyTanhNet(8, 8, 6, 3, 2);
        RankRequest req = request(3, 2);
        var ranker = new IntegratedGradientsRanker(net, Output.LOGIT, new IntegratedGradients(128, IntegratedGradients.Rule.RIEMANN_MIDDLE, 64), Baselines.black());
        double[] scores = ranker.rank(List.of(req)).get(0);
        assertEquals(16, scores.length);
        double sum = 0;
        for (double s : scores) sum += s;
        double diff = net.value(req.image(), 2, Output.LOGIT) - net.value(PixelImage.filled(8, 8, 0), 2, Output.LOGIT);
        assertEquals(diff, sum, Math.abs(diff) * 0.01, "segment masses partition the IG attribution");
        assertTrue(ranker.describe().contains("ig steps=128 rule=riemann-middle baseline=black"), ranker.describe());
    }

    @Test void xraiOverGuidedIGOrdersGridCellsByAttributionMass() {
        TinyTanhNet net = new TinyTanhNet(8, 8, 6, 3, 2);
        RankRequest req = request(4, 1);
        var gig = io.imacs.attribution.GuidedIG.paperDefaults(16, 64);
        double[] xrai = new XraiRanker(net, Output.LOGIT, gig, Baselines.black()).rank(List.of(req)).get(0);
        // the same Guided IG map, reduced by max over channels, summed per cell
        float[] attr = gig.attribute(List.of(new io.imacs.attribution.AttributionTask(req.image().chw(), new float[192], 1)),
            io.imacs.attribution.GradientFunction.of(net, 8, 8, Output.LOGIT)).get(0);
        double[] pix = io.imacs.attribution.ChannelReduction.MAX.reduce(attr, 64);
        for (Segment s : req.segments()) {
            double mass = 0;
            for (int i = 0; i < 64; i++) if (s.mask()[i]) mass += pix[i];
            assertEquals(mass / 4, xrai[s.index()], 1e-6, "equal-area cells: score = mass / area");
        }
        var gigRanker = new GuidedIGRanker(net, Output.LOGIT, gig, Baselines.black());
        double[] mass = gigRanker.rank(List.of(req)).get(0);
        double total = 0;
        for (double m : mass) total += m;
        double diff = net.value(req.image(), 1, Output.LOGIT) - net.value(PixelImage.filled(8, 8, 0), 1, Output.LOGIT);
        assertEquals(diff, total, Math.abs(diff) * 0.1 + 1e-3, "Guided IG masses add up to the output change");
        assertTrue(gigRanker.describe().contains("guided-ig steps=16 fraction=0.25 max_dist=0.02"), gigRanker.describe());
    }
}
