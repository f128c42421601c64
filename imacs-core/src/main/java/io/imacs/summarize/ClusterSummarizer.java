package io.imacs.summarize;

import io.imacs.model.Role;
import io.imacs.result.ClusterSummary;
import io.imacs.result.MeanDifference;
import io.imacs.sample.ConfusionOutcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The summarize stage (paper section 5): per cluster its composition, mean attribution per model
 * (importance), attribution histograms on shared edges (coherence) and outcome counts.
 *
 * <p>Order: clusters whose difference holds (the image-level permutation test, p at most {@link MeanDifference#ALPHA})
 * come first, the surest difference first: the smallest p-value, and among equal p-values (the permutation test's
 * floor, 1 / (resamples + 1), is common for strong differences) the largest |mean A - mean B| in bootstrap standard
 * errors ({@link MeanDifference#standardized()}); then the clusters whose difference could be chance, in the paper's
 * order, |mean A - mean B| (clusters where a model has no segment last: their imbalance is undefined). The p-value comes first because it is calibrated for a handful of images (the
 * bootstrap's standard error is not: with five images a side it comes out too small). By the raw difference alone, small clusters win: a handful of segments (two of B's, say) topped
 * the watermark demo on one seed in three on an accidental difference, and on the domain-shift demo flower-part
 * clusters of 10-18 segments where B's larger logits exceed A's, differences that hold, topped the 97-segment
 * background cluster that B relies on. By evidence a difference counts for more the more images carry it, the
 * paper's "critical mass" (section 5.2.2) (docs/faithfulness.md).
 */
public final class ClusterSummarizer {
    private ClusterSummarizer() {}

    /**
     * One scored, clustered segment as the summary needs it. {@code image} names the image it was cut from:
     * the difference test resamples whole images, since segments of one image are not independent.
     */
    public record Member(Role model, int cluster, double attribution, ConfusionOutcome outcome, String image) {}

    /** The same segments placed in the clusters of {@code assignment} (one id per member, same order). */
    public static List<Member> assigned(List<Member> members, int[] assignment) {
        if (assignment.length != members.size())
            throw new IllegalArgumentException(assignment.length + " cluster ids for " + members.size() + " segments");
        List<Member> out = new ArrayList<>(members.size());
        for (int i = 0; i < assignment.length; i++) {
            Member m = members.get(i);
            out.add(new Member(m.model(), assignment[i], m.attribution(), m.outcome(), m.image()));
        }
        return out;
    }

    /** {@code bins} equal-width edges spanning every attribution (and 0, so the sign is visible). */
    public static double[] edges(List<Member> members, int bins) {
        double lo = 0, hi = 0;
        for (Member m : members) { lo = Math.min(lo, m.attribution()); hi = Math.max(hi, m.attribution()); }
        if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
        double[] e = new double[bins + 1];
        for (int i = 0; i <= bins; i++) e[i] = lo + (hi - lo) * i / bins;
        return e;
    }

    public static int bin(double[] edges, double v) {
        int bins = edges.length - 1;
        int b = (int) Math.floor((v - edges[0]) / (edges[bins] - edges[0]) * bins);
        return Math.max(0, Math.min(bins - 1, b));
    }

    public static List<ClusterSummary> summarize(List<Member> members, int k, double[] edges, MeanDifferenceResampling test) {
        List<Stats> stats = new ArrayList<>();
        for (int c = 0; c < k; c++) stats.add(new Stats(c, edges.length - 1));
        for (Member m : members) stats.get(m.cluster()).add(m, bin(edges, m.attribution()));
        // every image a model explained is a unit of its side in every cluster, also where none of its segments are
        Map<Role, List<String>> explained = new EnumMap<>(Role.class);
        for (Role m : Role.values()) explained.put(m, members.stream().filter(x -> x.model() == m).map(Member::image).distinct().toList());
        List<MeanDifference> tests = stats.stream().map(s -> s.difference(test, explained)).toList();
        List<Integer> ordered = new ArrayList<>();
        for (int c = 0; c < k; c++) ordered.add(c);
        ordered.sort(Comparator.comparingInt((Integer c) -> holds(tests.get(c)) ? 0 : 1)
            .thenComparingDouble(c -> holds(tests.get(c)) ? tests.get(c).pValue() : 0)
            .thenComparingDouble(c -> holds(tests.get(c)) ? -tests.get(c).standardized() : -Math.abs(orZero(stats.get(c).imbalance())))
            .thenComparingInt(c -> c));
        List<ClusterSummary> out = new ArrayList<>();
        for (int c = 0; c < k; c++) out.add(stats.get(c).summary(ordered.indexOf(c), tests.get(c)));
        return out;
    }

    private static boolean holds(MeanDifference d) { return d != null && d.holds(); }

    private static double orZero(Double v) { return v == null ? 0 : v; }

    private static final class Stats {
        final int id;
        final Map<Role, Integer> count = new EnumMap<>(Role.class);
        final Map<Role, Double> sum = new EnumMap<>(Role.class);
        final Map<Role, int[]> hist = new EnumMap<>(Role.class);
        final Map<Role, Map<ConfusionOutcome, Integer>> outcomes = new EnumMap<>(Role.class);
        final Map<Role, List<Double>> values = new EnumMap<>(Role.class);
        final Map<Role, List<String>> images = new EnumMap<>(Role.class);

        Stats(int id, int bins) {
            this.id = id;
            for (Role m : Role.values()) {
                count.put(m, 0);
                sum.put(m, 0.0);
                hist.put(m, new int[bins]);
                Map<ConfusionOutcome, Integer> o = new EnumMap<>(ConfusionOutcome.class);
                for (ConfusionOutcome c : ConfusionOutcome.values()) o.put(c, 0);
                outcomes.put(m, o);
                values.put(m, new ArrayList<>());
                images.put(m, new ArrayList<>());
            }
        }

        void add(Member m, int bin) {
            count.merge(m.model(), 1, Integer::sum);
            sum.merge(m.model(), m.attribution(), Double::sum);
            hist.get(m.model())[bin]++;
            outcomes.get(m.model()).merge(m.outcome(), 1, Integer::sum);
            values.get(m.model()).add(m.attribution());
            images.get(m.model()).add(m.image());
        }

        static double[] array(List<Double> v) { return v.stream().mapToDouble(Double::doubleValue).toArray(); }

        /** Null when the model has no segment here: "no segments" is not "mean 0" in the views. */
        Double mean(Role m) { return count.get(m) == 0 ? null : sum.get(m) / count.get(m); }

        /** Null when either model has no segment here. */
        Double imbalance() { return mean(Role.A) == null || mean(Role.B) == null ? null : mean(Role.A) - mean(Role.B); }

        MeanDifference difference(MeanDifferenceResampling test, Map<Role, List<String>> explained) {
            return test.test(array(values.get(Role.A)), images.get(Role.A).toArray(String[]::new), explained.get(Role.A),
                array(values.get(Role.B)), images.get(Role.B).toArray(String[]::new), explained.get(Role.B));
        }

        ClusterSummary summary(int order, MeanDifference difference) {
            Map<Role, Double> means = new EnumMap<>(Role.class);  // null values allowed: a model without segments here
            for (Role m : Role.values()) means.put(m, mean(m));
            int size = count.values().stream().mapToInt(Integer::intValue).sum();
            return new ClusterSummary(id, order, size, Collections.unmodifiableMap(new EnumMap<>(count)), means, imbalance(), hist, outcomes, difference);
        }
    }
}
