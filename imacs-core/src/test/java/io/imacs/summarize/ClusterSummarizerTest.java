package io.imacs.summarize;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.model.Role;
import io.imacs.result.ClusterSummary;
import io.imacs.sample.ConfusionOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Concept view's order: a difference that holds outranks a larger one that could be chance. */
class ClusterSummarizerTest {

    /** {@code perImage} segments of each of {@code images} images per model, attributions mean + noise. */
    private static void add(List<ClusterSummarizer.Member> out, int cluster, int images, double meanA, double meanB, SplittableRandom rnd) {
        for (int i = 0; i < images; i++)
            for (Role m : Role.values())
                for (int s = 0; s < 2; s++)
                    out.add(new ClusterSummarizer.Member(m, cluster, (m == Role.A ? meanA : meanB) + rnd.nextGaussian() * 0.3,
                        ConfusionOutcome.TP, m + "/c" + cluster + "/img" + i));
    }

    @Test void aDifferenceThatHoldsComesBeforeALargerOneThatCouldBeChance() {
        SplittableRandom rnd = new SplittableRandom(1);
        List<ClusterSummarizer.Member> members = new ArrayList<>();
        add(members, 0, 20, 0.5, 0.5, rnd);   // no difference
        add(members, 1, 20, 0.2, 1.2, rnd);   // B relies on it: certain (20 images a side)
        add(members, 2, 1, -1.0, 1.5, rnd);   // a larger difference from one image a side: could be chance
        List<ClusterSummary> cs = ClusterSummarizer.summarize(members, 3, ClusterSummarizer.edges(members, 10), new MeanDifferenceResampling(999, 3));
        ClusterSummary big = cs.get(1), tiny = cs.get(2);
        assertTrue(Math.abs(tiny.imbalance()) > Math.abs(big.imbalance()), "the tiny cluster's difference is the larger one");
        assertTrue(big.difference().holds(), big.toString());
        assertFalse(tiny.difference().holds(), "one image a side cannot give p <= 0.05: " + tiny.difference());
        List<Integer> order = cs.stream().sorted(Comparator.comparingInt(ClusterSummary::order)).map(ClusterSummary::id).toList();
        assertEquals(List.of(1, 2, 0), order, "holds first, then |mean A - mean B|");
    }

    /**
     * The domain-shift demo's case: a big cluster that B relies on consistently (many images, a moderate difference)
     * and a small one where the difference is larger but carried by a few images; both hold. The surer one, in
     * standard errors, comes first, although its raw difference is the smaller.
     */
    @Test void amongDifferencesThatHoldTheSurestComesFirst() {
        SplittableRandom rnd = new SplittableRandom(4);
        List<ClusterSummarizer.Member> members = new ArrayList<>();
        add(members, 0, 40, 0.25, 1.85, rnd);  // the background B relies on: 40 images a side
        add(members, 1, 5, -0.9, 1.5, rnd);    // a flower part: larger difference, 5 images a side
        List<ClusterSummary> cs = ClusterSummarizer.summarize(members, 2, ClusterSummarizer.edges(members, 10), new MeanDifferenceResampling(999, 3));
        ClusterSummary big = cs.get(0), small = cs.get(1);
        assertTrue(big.difference().holds() && small.difference().holds(), cs.toString());
        assertTrue(Math.abs(small.imbalance()) > Math.abs(big.imbalance()), "the small cluster's raw difference is the larger");
        assertTrue(big.difference().standardized() > small.difference().standardized(), big.difference() + " vs " + small.difference());
        assertEquals(0, big.order(), "the surer difference first");
        assertEquals(1, small.order());
    }

    @Test void withoutAnyDifferenceThatHoldsTheOrderIsThePapersImbalance() {
        SplittableRandom rnd = new SplittableRandom(2);
        List<ClusterSummarizer.Member> members = new ArrayList<>();
        add(members, 0, 1, 0.0, 0.4, rnd);
        add(members, 1, 1, 0.0, 2.0, rnd);
        add(members, 2, 1, 0.0, 1.0, rnd);
        List<ClusterSummary> cs = ClusterSummarizer.summarize(members, 3, ClusterSummarizer.edges(members, 10), new MeanDifferenceResampling(999, 3));
        cs.forEach(c -> assertFalse(c.difference().holds(), c.toString()));
        assertEquals(List.of(1, 2, 0), cs.stream().sorted(Comparator.comparingInt(ClusterSummary::order)).map(ClusterSummary::id).toList());
    }

    /** B's shortcut: 15 of B's images put segments here, one of A's; a difference that holds, not "one model has none". */
    @Test void aClusterOfAlmostOnlyOneModelCanHold() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<ClusterSummarizer.Member> members = new ArrayList<>();
        add(members, 0, 20, 0.8, 0.7, rnd);
        for (int i = 0; i < 15; i++) members.add(new ClusterSummarizer.Member(Role.B, 1, 2.3 + 0.3 * rnd.nextGaussian(), ConfusionOutcome.FP, "B/c0/img" + i));
        members.add(new ClusterSummarizer.Member(Role.A, 1, -0.2, ConfusionOutcome.TN, "A/c0/img0"));
        List<ClusterSummary> cs = ClusterSummarizer.summarize(members, 2, ClusterSummarizer.edges(members, 10), new MeanDifferenceResampling(999, 3));
        assertTrue(cs.get(1).difference().holds(), cs.get(1).difference().toString());
        assertEquals(0, cs.get(1).order());
    }
}
