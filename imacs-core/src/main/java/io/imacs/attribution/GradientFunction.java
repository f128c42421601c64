package io.imacs.attribution;

import io.imacs.image.PixelImage;
import io.imacs.model.Differentiable;
import io.imacs.model.Gradients;
import io.imacs.model.Output;
import java.util.ArrayList;
import java.util.List;

/**
 * The batched model callback of every gradient method (PAIR saliency's call_model_function): for each
 * flat input i, the value of output {@code targets[i]} and its gradient. Inputs may be anything from
 * two numbers (analytic tests) to a CHW image; methods never mutate an array after passing it.
 */
@FunctionalInterface
public interface GradientFunction {
    Gradients apply(List<float[]> inputs, int[] targets);

    /** Evaluates any number of points in calls of at most {@code batchSize} inputs, in order. */
    default Gradients batched(List<float[]> inputs, int[] targets, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("`batchSize` must be at least 1, got " + batchSize);
        float[] values = new float[inputs.size()];
        float[][] grads = new float[inputs.size()][];
        for (int start = 0; start < inputs.size(); start += batchSize) {
            int end = Math.min(inputs.size(), start + batchSize);
            Gradients g = apply(inputs.subList(start, end), java.util.Arrays.copyOfRange(targets, start, end));
            if (g.size() != end - start) throw new IllegalStateException("gradient callback returned " + g.size() + " rows for " + (end - start) + " inputs");
            System.arraycopy(g.values(), 0, values, start, end - start);
            System.arraycopy(g.gradients(), 0, grads, start, end - start);
        }
        return new Gradients(values, grads);
    }

    /** Adapts a model's pixel-space gradients: each input is a CHW image of the given size. */
    static GradientFunction of(Differentiable model, int width, int height, Output output) {
        return (inputs, targets) -> {
            List<PixelImage> batch = new ArrayList<>(inputs.size());
            for (float[] x : inputs) batch.add(new PixelImage(width, height, x));
            return model.gradients(batch, targets, output);
        };
    }
}
