package io.imacs.attribution;

import io.imacs.image.PixelImage;
import io.imacs.model.ImageClassifier;
import io.imacs.model.Output;
import io.imacs.model.Softmax;
import java.util.ArrayList;
import java.util.List;

/** Batched forward callback for methods that need no gradients (occlusion): value of output targets[i] at inputs[i]. */
@FunctionalInterface
public interface ModelFunction {
    double[] apply(List<float[]> inputs, int[] targets);

    /** Evaluates any number of points in calls of at most {@code batchSize} inputs, in order. */
    default double[] batched(List<float[]> inputs, int[] targets, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("`batchSize` must be at least 1, got " + batchSize);
        double[] out = new double[inputs.size()];
        for (int start = 0; start < inputs.size(); start += batchSize) {
            int end = Math.min(inputs.size(), start + batchSize);
            double[] v = apply(inputs.subList(start, end), java.util.Arrays.copyOfRange(targets, start, end));
            System.arraycopy(v, 0, out, start, end - start);
        }
        return out;
    }

    /** Adapts a classifier: each input is a CHW image of the given size. */
    static ModelFunction of(ImageClassifier model, int width, int height, Output output) {
        return (inputs, targets) -> {
            List<PixelImage> batch = new ArrayList<>(inputs.size());
            for (float[] x : inputs) batch.add(new PixelImage(width, height, x));
            float[][] rows = model.outputs(batch, output);
            Softmax.requireFinite(rows, model.info().name());
            double[] v = new double[rows.length];
            for (int i = 0; i < rows.length; i++) v[i] = rows[i][targets[i]];
            return v;
        };
    }
}
