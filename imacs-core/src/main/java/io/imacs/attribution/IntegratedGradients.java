package io.imacs.attribution;

import io.imacs.model.Gradients;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Integrated Gradients (Sundararajan et al. 2017): (x - b) * sum_k w_k grad f(b + a_k (x - b)).
 * The step positions a_k and weights w_k follow Captum's approximation rules. All steps of all tasks
 * are independent, so they are packed into batches of {@code batchSize}.
 */
public final class IntegratedGradients implements PathMethod {

    /** Captum's Riemann rules (alphas and step weights over [0, 1]). */
    public enum Rule {
        RIEMANN_LEFT, RIEMANN_RIGHT, RIEMANN_MIDDLE, TRAPEZOID;

        public String cliName() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

        public static Rule parse(String s) {
            for (Rule r : values()) if (r.cliName().equals(s) || r.name().equalsIgnoreCase(s)) return r;
            throw new IllegalArgumentException("`igRule` must be riemann-left, riemann-right, riemann-middle or trapezoid, not " + s);
        }

        double[] alphas(int n) {
            double[] a = new double[n];
            for (int k = 0; k < n; k++) a[k] = switch (this) {
                case RIEMANN_LEFT -> (double) k / n;
                case RIEMANN_RIGHT -> (k + 1.0) / n;
                case RIEMANN_MIDDLE -> (k + 0.5) / n;
                case TRAPEZOID -> n == 1 ? 0.5 : (double) k / (n - 1);
            };
            return a;
        }

        double[] weights(int n) {
            double[] w = new double[n];
            java.util.Arrays.fill(w, 1.0 / n);
            if (this == TRAPEZOID && n > 1) {
                java.util.Arrays.fill(w, 1.0 / (n - 1));
                w[0] = w[n - 1] = 0.5 / (n - 1);
            }
            return w;
        }
    }

    private final int steps;
    private final Rule rule;
    private final int batchSize;

    public IntegratedGradients(int steps, Rule rule, int batchSize) {
        if (steps < 1) throw new IllegalArgumentException("`igSteps` must be at least 1, got " + steps);
        if (batchSize < 1) throw new IllegalArgumentException("`batchSize` must be at least 1, got " + batchSize);
        this.steps = steps;
        this.rule = rule;
        this.batchSize = batchSize;
    }

    @Override public int steps() { return steps; }

    @Override public int batchSize() { return batchSize; }

    @Override public IntegratedGradients withSteps(int steps) { return new IntegratedGradients(steps, rule, batchSize); }

    @Override public List<float[]> attribute(List<AttributionTask> tasks, GradientFunction model) {
        double[] alphas = rule.alphas(steps), weights = rule.weights(steps);
        List<float[]> points = new ArrayList<>(tasks.size() * steps);
        int[] targets = new int[tasks.size() * steps];
        for (int t = 0; t < tasks.size(); t++) {
            AttributionTask task = tasks.get(t);
            for (int k = 0; k < steps; k++) {
                float[] p = new float[task.input().length];
                for (int i = 0; i < p.length; i++)
                    p[i] = (float) (task.baseline()[i] + alphas[k] * (task.input()[i] - task.baseline()[i]));
                points.add(p);
                targets[t * steps + k] = task.target();
            }
        }
        Gradients g = model.batched(points, targets, batchSize);
        List<float[]> out = new ArrayList<>(tasks.size());
        for (int t = 0; t < tasks.size(); t++) {
            AttributionTask task = tasks.get(t);
            int n = task.input().length;
            double[] sum = new double[n];
            for (int k = 0; k < steps; k++) {
                float[] grad = g.gradients()[t * steps + k];
                for (int i = 0; i < n; i++) sum[i] += weights[k] * grad[i];
            }
            float[] attr = new float[n];
            for (int i = 0; i < n; i++) attr[i] = (float) ((task.input()[i] - task.baseline()[i]) * sum[i]);
            out.add(attr);
        }
        return out;
    }

    @Override public String describe() { return "ig steps=" + steps + " rule=" + rule.cliName(); }
}
