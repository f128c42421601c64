package io.imacs.attribution;

import io.imacs.model.Gradients;
import java.util.ArrayList;
import java.util.List;

/** Analytic test functions as batched gradient callbacks; records batch sizes. */
final class Analytic {
    final List<Integer> batchSizes = new ArrayList<>();

    /** f = 2*x1 + x2. */
    GradientFunction linear() {
        return (inputs, targets) -> {
            batchSizes.add(inputs.size());
            float[] v = new float[inputs.size()];
            float[][] g = new float[inputs.size()][];
            for (int i = 0; i < v.length; i++) {
                float[] x = inputs.get(i);
                v[i] = 2 * x[0] + x[1];
                g[i] = new float[] {2, 1};
            }
            return new Gradients(v, g);
        };
    }

    /** f = (2*x1 + x2)^2. */
    GradientFunction squared() {
        return (inputs, targets) -> {
            batchSizes.add(inputs.size());
            float[] v = new float[inputs.size()];
            float[][] g = new float[inputs.size()][];
            for (int i = 0; i < v.length; i++) {
                float[] x = inputs.get(i);
                double s = 2 * x[0] + x[1];
                v[i] = (float) (s * s);
                g[i] = new float[] {(float) (4 * s), (float) (2 * s)};
            }
            return new Gradients(v, g);
        };
    }

    /** f = sum_i w_i x_i (any length); target selects nothing. */
    GradientFunction weighted(float[] w) {
        return (inputs, targets) -> {
            batchSizes.add(inputs.size());
            float[] v = new float[inputs.size()];
            float[][] g = new float[inputs.size()][];
            for (int i = 0; i < v.length; i++) {
                double s = 0;
                for (int k = 0; k < w.length; k++) s += w[k] * inputs.get(i)[k];
                v[i] = (float) s;
                g[i] = w.clone();
            }
            return new Gradients(v, g);
        };
    }

    /** f = x1^2 (1-D). */
    GradientFunction square1d() {
        return (inputs, targets) -> {
            batchSizes.add(inputs.size());
            float[] v = new float[inputs.size()];
            float[][] g = new float[inputs.size()][];
            for (int i = 0; i < v.length; i++) { float x = inputs.get(i)[0]; v[i] = x * x; g[i] = new float[] {2 * x}; }
            return new Gradients(v, g);
        };
    }
}
