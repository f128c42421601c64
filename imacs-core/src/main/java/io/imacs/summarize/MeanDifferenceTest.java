package io.imacs.summarize;

import io.imacs.result.MeanDifference;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A permutation test and a percentile bootstrap interval for mean(a) - mean(b): assumption-free (Shapley
 * values are far from normal) and seeded, so the same run gives the same p-value.
 */
public record MeanDifferenceTest(int resamples, long seed) {

    public MeanDifferenceTest {
        if (resamples < 1) throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
    }

    /** Null when either side is empty: there is nothing to compare. */
    public MeanDifference test(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) return null;
        double observed = mean(a) - mean(b);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] pooled = new double[a.length + b.length];
        System.arraycopy(a, 0, pooled, 0, a.length);
        System.arraycopy(b, 0, pooled, a.length, b.length);
        double total = Arrays.stream(pooled).sum();
        int extreme = 0;
        for (int r = 0; r < resamples; r++) {
            // a random relabelling: the first a.length of a partial Fisher-Yates shuffle are "A"
            double sumA = 0;
            for (int i = 0; i < a.length; i++) {
                int j = i + rnd.nextInt(pooled.length - i);
                double t = pooled[i]; pooled[i] = pooled[j]; pooled[j] = t;
                sumA += pooled[i];
            }
            double d = sumA / a.length - (total - sumA) / b.length;
            if (Math.abs(d) >= Math.abs(observed) - 1e-12) extreme++;
        }
        double[] boot = new double[resamples];
        for (int r = 0; r < resamples; r++) boot[r] = resampledMean(a, rnd) - resampledMean(b, rnd);
        Arrays.sort(boot);
        return new MeanDifference(observed, quantile(boot, 0.025), quantile(boot, 0.975), (extreme + 1.0) / (resamples + 1.0), resamples);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    private static double resampledMean(double[] v, SplittableRandom rnd) {
        double s = 0;
        for (int i = 0; i < v.length; i++) s += v[rnd.nextInt(v.length)];
        return s / v.length;
    }

    /** Linear interpolation between order statistics (numpy's default). */
    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
