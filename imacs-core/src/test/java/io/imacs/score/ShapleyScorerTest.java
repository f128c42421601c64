package io.imacs.score;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.fixtures.TinyTanhNet;
import io.imacs.image.GaussianBlur;
import io.imacs.image.PixelImage;
import io.imacs.model.Output;
import io.imacs.segment.GridSegmenter;
import io.imacs.segment.Segment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapleyScorerTest {
    private static ScoreRequest request(long seed, int players) {
        PixelImage img = TinyTanhNet.randomImage(8, 8, seed);
        List<Segment> segs = new GridSegmenter(4).segment(img);
        return new ScoreRequest(img, GaussianBlur.apply(img, 2), segs.subList(0, players), new int[] {1, 0});
    }

    @Test void exactScorerMatchesBruteForceAndIsEfficient() {
        TinyTanhNet net = new TinyTanhNet(8, 8, 6, 3, 1);
        ScoreRequest req = request(3, 4);
        ShapleyValues sv = new ExactShapleyScorer(net, Output.PROBABILITY, 64).score(List.of(req)).get(0);
        assertEquals(16, sv.evaluations());
        assertTrue(sv.efficiencyGap() < 1e-6, "efficiency gap " + sv.efficiencyGap());
        // brute force: v(S) by composing each coalition directly, then the textbook formula
        int m = 4;
        for (int c = 0; c < 2; c++) {
            double[] v = new double[16];
            for (int mask = 0; mask < 16; mask++) {
                boolean[] keep = new boolean[64];
                java.util.Arrays.fill(keep, true);
                for (int p = 0; p < m; p++) if ((mask & (1 << p)) == 0) {
                    boolean[] pm = req.players().get(p).mask();
                    for (int i = 0; i < 64; i++) if (pm[i]) keep[i] = false;
                }
                v[mask] = net.value(req.image().composite(keep, req.fill()), req.classes()[c], Output.PROBABILITY);
            }
            assertArrayEquals(ExactShapley.values(v, m), sv.values()[c], 1e-6);
            assertEquals(v[15], sv.full()[c], 1e-6);
            assertEquals(v[0], sv.empty()[c], 1e-6);
            assertEquals(net.value(req.image(), req.classes()[c], Output.PROBABILITY), sv.full()[c], 1e-6, "all players shown = original image");
        }
    }

    @Test void requestsShareBatchesAndResultsDoNotDependOnBatching() {
        List<ScoreRequest> reqs = List.of(request(1, 3), request(2, 5), request(3, 2));
        TinyTanhNet big = new TinyTanhNet(8, 8, 6, 3, 1), one = new TinyTanhNet(8, 8, 6, 3, 1);
        List<ShapleyValues> a = new ExactShapleyScorer(big, Output.LOGIT, 64).score(reqs);
        List<ShapleyValues> b = new ExactShapleyScorer(one, Output.LOGIT, 1).score(reqs);
        assertEquals(List.of(44), big.batchSizes, "8 + 32 + 4 coalitions in one forward call");
        assertEquals(44, one.batchSizes.size());
        for (int r = 0; r < reqs.size(); r++)
            for (int c = 0; c < 2; c++) assertArrayEquals(a.get(r).values()[c], b.get(r).values()[c], 1e-6);
    }

    @Test void permutationScorerApproachesExactAndIsDeterministic() {
        TinyTanhNet net = new TinyTanhNet(8, 8, 6, 3, 4);
        ScoreRequest req = request(5, 6);
        ShapleyValues exact = new ExactShapleyScorer(net, Output.LOGIT, 64).score(List.of(req)).get(0);
        PermutationShapleyScorer perm = new PermutationShapleyScorer(net, Output.LOGIT, 64, 400, 9);
        ShapleyValues est = perm.score(List.of(req)).get(0);
        assertEquals(est.values()[0][0], perm.score(List.of(req)).get(0).values()[0][0], 0.0, "same seed, same numbers");
        assertTrue(est.efficiencyGap() < 1e-6);
        assertTrue(est.evaluations() <= 64, "coalitions evaluated once each");
        for (int i = 0; i < 6; i++)
            assertEquals(exact.values()[0][i], est.values()[0][i], Math.max(1e-3, 4 * est.standardError()[0][i]));
    }

    /** A game's estimate depends on the game, not on where it sits in a call: cached values match any run. */
    @Test void permutationEstimateDoesNotDependOnBatchPosition() {
        TinyTanhNet net = new TinyTanhNet(8, 8, 6, 3, 4);
        PermutationShapleyScorer perm = new PermutationShapleyScorer(net, Output.LOGIT, 64, 5, 9);
        ScoreRequest game = request(5, 6), other = request(6, 6);
        ShapleyValues alone = perm.score(List.of(game)).get(0);
        ShapleyValues second = perm.score(List.of(other, game)).get(1);
        for (int c = 0; c < 2; c++) assertArrayEquals(alone.values()[c], second.values()[c], 0.0);
        assertNotEquals(alone.values()[0][0], perm.score(List.of(other)).get(0).values()[0][0], "another game, other orders");
    }
}
