package io.imacs.attribution;

import io.imacs.model.Gradients;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.util.KthSelector;

/**
 * Guided Integrated Gradients (Kapishnikov et al. 2021), following PAIR saliency's guided_ig.py: at each
 * of {@code steps} steps the path moves the {@code fraction} of features with the smallest |gradient|
 * toward the input, staying within {@code maxDist} (relative L1) of the straight-line path.
 * <p>Steps along one path are sequential, but paths of different tasks are independent: every step
 * evaluates the current points of all tasks side by side, in batches of {@code batchSize}.
 */
public final class GuidedIG implements PathMethod {
    private static final KthSelector SELECTOR = new KthSelector();

    private static final double EPSILON = 1e-9;

    private final int steps;
    private final double fraction, maxDist;
    private final int batchSize;

    public GuidedIG(int steps, double fraction, double maxDist, int batchSize) {
        if (steps < 1) throw new IllegalArgumentException("`gigSteps` must be at least 1, got " + steps);
        if (!(fraction > 0 && fraction <= 1)) throw new IllegalArgumentException("Guided IG fraction per step must be in (0, 1], got " + fraction);
        if (!(maxDist >= 0 && maxDist <= 1)) throw new IllegalArgumentException("Guided IG maximum distance must be in [0, 1], got " + maxDist);
        if (batchSize < 1) throw new IllegalArgumentException("`batchSize` must be at least 1, got " + batchSize);
        this.steps = steps;
        this.fraction = fraction;
        this.maxDist = maxDist;
        this.batchSize = batchSize;
    }

    @Override public int steps() { return steps; }

    @Override public int batchSize() { return batchSize; }

    @Override public GuidedIG withSteps(int steps) { return new GuidedIG(steps, fraction, maxDist, batchSize); }

    /** The paper's setting: fraction 0.25, max_dist 0.02. */
    public static GuidedIG paperDefaults(int steps, int batchSize) { return new GuidedIG(steps, 0.25, 0.02, batchSize); }

    @Override public List<float[]> attribute(List<AttributionTask> tasks, GradientFunction model) {
        List<Path> paths = new ArrayList<>(tasks.size());
        for (AttributionTask t : tasks) paths.add(new Path(t));
        List<Path> active = new ArrayList<>();
        for (Path p : paths) if (p.l1Total > 0) active.add(p);   // input == baseline: attribution stays zero
        for (int step = 0; step < steps && !active.isEmpty(); step++) {
            List<float[]> points = new ArrayList<>(active.size());
            int[] targets = new int[active.size()];
            for (int i = 0; i < active.size(); i++) { points.add(active.get(i).point()); targets[i] = active.get(i).target; }
            Gradients g = model.batched(points, targets, batchSize);
            // paths are independent: their Java bookkeeping uses every core, and stays deterministic
            int s = step;
            IntStream.range(0, active.size()).parallel().forEach(i -> active.get(i).advance(s, g.gradients()[i]));
        }
        List<float[]> out = new ArrayList<>(paths.size());
        for (Path p : paths) {
            float[] a = new float[p.attr.length];
            for (int i = 0; i < a.length; i++) a[i] = (float) p.attr[i];
            out.add(a);
        }
        return out;
    }

    /** State of one task's path, in double precision as the reference. */
    private final class Path {
        final double[] input, baseline, x, attr;
        final int target;
        final double l1Total;

        Path(AttributionTask t) {
            int n = t.input().length;
            input = new double[n]; baseline = new double[n]; x = new double[n]; attr = new double[n];
            double l1 = 0;
            for (int i = 0; i < n; i++) {
                input[i] = t.input()[i];
                baseline[i] = t.baseline()[i];
                x[i] = baseline[i];
                l1 += Math.abs(input[i] - baseline[i]);
            }
            target = t.target();
            l1Total = l1;
        }

        float[] point() {
            float[] p = new float[x.length];
            for (int i = 0; i < p.length; i++) p[i] = (float) x[i];
            return p;
        }

        /** One step: move features with small |gradient| until the L1 distance to the input reaches its target. */
        void advance(int step, float[] gradActual) {
            int n = x.length;
            double alpha = (step + 1.0) / steps;
            double alphaMin = Math.max(alpha - maxDist, 0), alphaMax = Math.min(alpha + maxDist, 1);
            double[] xMin = new double[n], xMax = new double[n], grad = new double[n], scratch = new double[n];
            for (int i = 0; i < n; i++) {
                xMin[i] = baseline[i] + (input[i] - baseline[i]) * alphaMin;
                xMax[i] = baseline[i] + (input[i] - baseline[i]) * alphaMax;
                grad[i] = gradActual[i];
            }
            double l1Target = l1Total * (1 - (step + 1.0) / steps);
            double[] xOld = new double[n];
            boolean[] selected = new boolean[n];
            double gamma = Double.POSITIVE_INFINITY;
            while (gamma > 1) {
                System.arraycopy(x, 0, xOld, 0, n);
                // features that fell behind the allowed band jump to its lower edge
                for (int i = 0; i < n; i++) {
                    double d = input[i] - baseline[i];
                    double a = d != 0 ? (x[i] - baseline[i]) / d : alphaMax;
                    if (a < alphaMin) x[i] = xMin[i];
                }
                double l1Current = 0;
                for (int i = 0; i < n; i++) l1Current += Math.abs(x[i] - input[i]);
                if (Math.abs(l1Target - l1Current) <= Math.max(EPSILON * Math.max(Math.abs(l1Target), Math.abs(l1Current)), EPSILON)) {
                    accumulate(xOld, gradActual);
                    break;
                }
                // features already at the band's upper edge are out of the selection
                for (int i = 0; i < n; i++) {
                    if (x[i] == xMax[i]) grad[i] = Double.POSITIVE_INFINITY;
                    scratch[i] = Math.abs(grad[i]);
                }
                // numpy quantile, 'lower': the k-th smallest, found by selection in O(n) rather than a full sort
                double threshold = SELECTOR.select(scratch, null, (int) Math.floor(fraction * (n - 1)));
                double l1S = 0;
                for (int i = 0; i < n; i++) {
                    selected[i] = Math.abs(grad[i]) <= threshold && grad[i] != Double.POSITIVE_INFINITY;
                    if (selected[i]) l1S += Math.abs(x[i] - xMax[i]);
                }
                gamma = l1S > 0 ? (l1Current - l1Target) / l1S : Double.POSITIVE_INFINITY;
                boolean moved = false;
                for (int i = 0; i < n; i++) if (selected[i]) {
                    double next = gamma > 1 ? xMax[i] : x[i] + (xMax[i] - x[i]) * gamma;
                    moved |= next != x[i];
                    x[i] = next;
                }
                accumulate(xOld, gradActual);
                // guard against rounding leaving nothing to move (the reference would loop forever)
                if (!moved && gamma > 1 && l1S == 0 && Arrays.equals(x, xOld)) break;
            }
        }

        private void accumulate(double[] xOld, float[] g) {
            for (int i = 0; i < x.length; i++) attr[i] += (x[i] - xOld[i]) * g[i];
        }
    }

    @Override public String describe() {
        return "guided-ig steps=" + steps + " fraction=" + fraction + " max_dist=" + maxDist;
    }
}
