package io.imacs.model;

import io.imacs.image.PixelImage;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A classifier that opens its model on the first model call. A rerun answered wholly from the result
 * cache then never starts ONNX Runtime or PyTorch; what the pipeline needs before that (classes, input
 * size, whether gradients exist) comes from the sidecar and the file's format.
 */
final class DeferredClassifier implements ImageClassifier {
    private final ModelInfo info;
    private final boolean differentiable;
    private final Supplier<ImageClassifier> open;
    private ImageClassifier model;

    DeferredClassifier(ModelInfo info, boolean differentiable, Supplier<ImageClassifier> open) {
        this.info = info;
        this.differentiable = differentiable;
        this.open = open;
    }

    private synchronized ImageClassifier model() {
        if (model == null) model = open.get();
        return model;
    }

    @Override public ModelInfo info() { return info; }

    @Override public float[][] probabilities(List<PixelImage> batch) { return model().probabilities(batch); }

    @Override public float[][] logits(List<PixelImage> batch) { return model().logits(batch); }

    @Override public Optional<Differentiable> gradients() {
        if (!differentiable) return Optional.empty();
        return Optional.of((batch, classes, output) -> model().gradients().orElseThrow().gradients(batch, classes, output));
    }

    @Override public synchronized void close() {
        if (model != null) model.close();
    }
}
