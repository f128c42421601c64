package io.imacs.model;

import io.imacs.image.PixelImage;
import java.util.List;
import java.util.Optional;

/** A classifier under study (model A or B). Pixel space in, class probabilities out. */
public interface ImageClassifier extends AutoCloseable {
    ModelInfo info();

    /** Softmax probabilities, one row per image, columns in {@link ModelInfo#classNames()} order. */
    float[][] probabilities(List<PixelImage> batch);

    /** Raw logits (or, for a model that outputs probabilities, their logarithm). */
    float[][] logits(List<PixelImage> batch);

    default float[][] outputs(List<PixelImage> batch, Output output) {
        return output == Output.PROBABILITY ? probabilities(batch) : logits(batch);
    }

    /** Present when the adapter can compute input gradients (TorchScript, DJL blocks). */
    default Optional<Differentiable> gradients() { return Optional.empty(); }

    @Override void close();
}
