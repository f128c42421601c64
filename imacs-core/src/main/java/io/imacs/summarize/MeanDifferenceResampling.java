package io.imacs.summarize;

import io.imacs.result.MeanDifference;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * A permutation test and a percentile bootstrap interval for mean(a) - mean(b): assumption-free (Shapley
 * values are far from normal) and seeded, so the same run gives the same p-value.
 *
 * <p>Values may come in units that are not independent: IMACS scores M segments per image, and segments
 * of one image share its content, so they are correlated. Treating them as independent overstates the
 * evidence. With units, whole units are permuted between the sides and resampled by the bootstrap (a
 * cluster permutation test and a cluster bootstrap), while the statistic stays the difference of the
 * segment means that the report shows. Without units every value is its own unit.
 *
 * <p>A cluster is one concept among many, and a model may put few or no segments in it: that absence is
 * itself how the models differ. So the units of a side can be every image that side explained, also those
 * with no segment in the cluster (empty units). The permutation then relabels all images between the models
 * (the null hypothesis: the two models' images are exchangeable, in whether segments land here and in how
 * high), and an empty side's mean is 0, as the views show it. Without them, a concept B relies on and A
 * almost never picks (one image of A's against seventeen of B's) could never reach p = 0.05, however clear.
 */
public record MeanDifferenceResampling(int resamples, long seed, Known known) {

    public MeanDifferenceResampling {
        if (resamples < 1) throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
    }

    public MeanDifferenceResampling(int resamples, long seed) {
        this(resamples, seed, (test, units, compute) -> compute.get());
    }

    /**
     * Where a test's result may be known already (e.g. a cache): it is a pure function of the test's resamples and seed
     * and of {@code units}: both sides' per-unit sums and counts, in the order the resampling draws them.
     */
    public interface Known {
        MeanDifference get(MeanDifferenceResampling test, double[][] units, Supplier<MeanDifference> compute);
    }

    /** Every value its own unit. Null when either side is empty: there is nothing to compare. */
    public MeanDifference test(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) return null;
        return test(Units.of(a, null, List.of()), Units.of(b, null, List.of()));
    }

    /**
     * {@code unitsA[i]} names the unit (e.g. the image) of {@code a[i]}; units are per side, so the same name on
     * both sides is two units. {@code allA} and {@code allB} list every unit each side has, also those without a
     * value here (their order fixes the resampling, so keep it stable; empty lists: only the units that have
     * values). A side without values has mean 0. Null only when neither side has a value.
     */
    public MeanDifference test(double[] a, String[] unitsA, List<String> allA, double[] b, String[] unitsB, List<String> allB) {
        if (a.length == 0 && b.length == 0) return null;
        return test(Units.of(a, unitsA, allA), Units.of(b, unitsB, allB));
    }

    private MeanDifference test(Units ua, Units ub) {
        return known.get(this, new double[][] {ua.sums, ua.counts, ub.sums, ub.counts}, () -> resample(ua, ub));
    }

    private MeanDifference resample(Units ua, Units ub) {
        double observed = mean(ua.total, ua.n) - mean(ub.total, ub.n);
        SplittableRandom rnd = new SplittableRandom(seed);
        int na = ua.sums.length, nb = ub.sums.length;
        double[] sums = new double[na + nb], counts = new double[na + nb];
        System.arraycopy(ua.sums, 0, sums, 0, na);
        System.arraycopy(ub.sums, 0, sums, na, nb);
        System.arraycopy(ua.counts, 0, counts, 0, na);
        System.arraycopy(ub.counts, 0, counts, na, nb);
        double total = ua.total + ub.total, n = ua.n + ub.n;
        int extreme = 0;
        for (int r = 0; r < resamples; r++) {
            // a random relabelling of whole units: the first na of a partial Fisher-Yates shuffle are "A"
            double sumA = 0, countA = 0;
            for (int i = 0; i < na; i++) {
                int j = i + rnd.nextInt(sums.length - i);
                double t = sums[i]; sums[i] = sums[j]; sums[j] = t;
                t = counts[i]; counts[i] = counts[j]; counts[j] = t;
                sumA += sums[i];
                countA += counts[i];
            }
            double d = mean(sumA, countA) - mean(total - sumA, n - countA);
            if (Math.abs(d) >= Math.abs(observed) - 1e-12) extreme++;
        }
        double[] boot = new double[resamples];
        for (int r = 0; r < resamples; r++) boot[r] = ua.resampledMean(rnd) - ub.resampledMean(rnd);
        Arrays.sort(boot);
        return new MeanDifference(observed, quantile(boot, 0.025), quantile(boot, 0.975), standardDeviation(boot),
            (extreme + 1.0) / (resamples + 1.0), resamples);
    }

    /** A segment mean; 0 for no segments, as the views show a model without segments in a cluster. */
    private static double mean(double sum, double count) { return count == 0 ? 0 : sum / count; }

    /**
     * The values of one side summed per unit: first every unit of {@code all}, then the others in order of first
     * appearance (so the result is seeded).
     */
    private record Units(double[] sums, double[] counts, double total, double n) {
        static Units of(double[] v, String[] units, List<String> all) {
            if (units == null) units = IntStream.range(0, v.length).mapToObj(i -> "#" + i).toArray(String[]::new);
            if (units.length != v.length)
                throw new IllegalArgumentException("units: need one per value, got " + units.length + " for " + v.length);
            Map<String, Integer> index = new LinkedHashMap<>();
            for (String u : all) index.putIfAbsent(u, index.size());
            double[] sums = new double[v.length + index.size()], counts = new double[v.length + index.size()];
            double total = 0;
            for (int i = 0; i < v.length; i++) {
                int u = index.computeIfAbsent(units[i], k -> index.size());
                sums[u] += v[i];
                counts[u]++;
                total += v[i];
            }
            return new Units(Arrays.copyOf(sums, index.size()), Arrays.copyOf(counts, index.size()), total, v.length);
        }

        /** The segment mean of a bootstrap sample of whole units. */
        double resampledMean(SplittableRandom rnd) {
            double s = 0, c = 0;
            for (int i = 0; i < sums.length; i++) {
                int u = rnd.nextInt(sums.length);
                s += sums[u];
                c += counts[u];
            }
            return mean(s, c);
        }
    }

    /** Linear interpolation between order statistics (numpy's default). */
    private static double standardDeviation(double[] v) {
        double mean = 0, ss = 0;
        for (double x : v) mean += x;
        mean /= v.length;
        for (double x : v) ss += (x - mean) * (x - mean);
        return v.length < 2 ? 0 : Math.sqrt(ss / (v.length - 1));
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
