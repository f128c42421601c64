package io.imacs.model;

/** Numerically stable softmax, and the finite-output check every adapter applies. */
public final class Softmax {
    private Softmax() {}

    public static float[] of(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) max = Math.max(max, v);
        double sum = 0;
        double[] e = new double[logits.length];
        for (int i = 0; i < logits.length; i++) { e[i] = Math.exp(logits[i] - max); sum += e[i]; }
        float[] out = new float[logits.length];
        for (int i = 0; i < logits.length; i++) out[i] = (float) (e[i] / sum);
        return out;
    }

    /** Throws a {@link ModelException} naming the model when any output is NaN or infinite. */
    public static void requireFinite(float[][] rows, String model) {
        for (int r = 0; r < rows.length; r++)
            for (float v : rows[r])
                if (!Float.isFinite(v))
                    throw new ModelException(model + ": output is " + v + " for input " + r
                        + "; check the model's preprocessing (mean/std, pixelScale in its sidecar) and weights");
    }
}
