package io.imacs.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * SmoothGrad (Smilkov et al. 2017) around any method: the mean attribution over {@code samples} copies
 * of the input with Gaussian noise of standard deviation {@code stdevSpread * (max - min)} of the input
 * (baselines stay as given). With {@code squared} the attributions are squared before averaging
 * (PAIR's magnitude=True). All noisy copies of all tasks go to the inner method in one call, so it
 * batches them together. Noise comes from {@code seed}: same seed, same numbers.
 */
public final class SmoothGrad implements AttributionMethod {
    private final AttributionMethod inner;
    private final int samples;
    private final double stdevSpread;
    private final boolean squared;
    private final long seed;

    public SmoothGrad(AttributionMethod inner, int samples, double stdevSpread, boolean squared, long seed) {
        if (samples < 1) throw new IllegalArgumentException("SmoothGrad samples must be at least 1, got " + samples);
        if (stdevSpread < 0) throw new IllegalArgumentException("SmoothGrad noise must be non-negative, got " + stdevSpread);
        this.inner = inner;
        this.samples = samples;
        this.stdevSpread = stdevSpread;
        this.squared = squared;
        this.seed = seed;
    }

    @Override public List<float[]> attribute(List<AttributionTask> tasks, GradientFunction model) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<AttributionTask> noisy = new ArrayList<>(tasks.size() * samples);
        for (AttributionTask t : tasks) {
            float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
            for (float v : t.input()) { min = Math.min(min, v); max = Math.max(max, v); }
            double sd = stdevSpread * (max - min);
            for (int s = 0; s < samples; s++) {
                float[] x = new float[t.input().length];
                for (int i = 0; i < x.length; i++) x[i] = (float) (t.input()[i] + sd * gaussian(rnd));
                noisy.add(new AttributionTask(x, t.baseline(), t.target()));
            }
        }
        List<float[]> attrs = inner.attribute(noisy, model);
        List<float[]> out = new ArrayList<>(tasks.size());
        for (int t = 0; t < tasks.size(); t++) {
            double[] sum = new double[tasks.get(t).input().length];
            for (int s = 0; s < samples; s++) {
                float[] a = attrs.get(t * samples + s);
                for (int i = 0; i < sum.length; i++) sum[i] += squared ? (double) a[i] * a[i] : a[i];
            }
            float[] mean = new float[sum.length];
            for (int i = 0; i < sum.length; i++) mean[i] = (float) (sum[i] / samples);
            out.add(mean);
        }
        return out;
    }

    /** Standard normal by Box-Muller, from the given stream only (SplittableRandom has no nextGaussian in Java 17). */
    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    @Override public String describe() {
        return "smoothgrad(" + inner.describe() + ") samples=" + samples + " noise=" + stdevSpread + (squared ? " squared" : "") + " seed=" + seed;
    }
}
