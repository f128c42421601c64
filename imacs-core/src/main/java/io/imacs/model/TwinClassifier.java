package io.imacs.model;

import io.imacs.image.PixelImage;
import java.util.List;
import java.util.Optional;

/**
 * A TorchScript model with an ONNX twin beside it (same base name): forward passes (predictions, Shapley
 * coalitions, occlusion) run on ONNX Runtime, which is several times faster on CPU; only gradients run
 * on PyTorch. The model is still the TorchScript file as far as the result is concerned.
 */
final class TwinClassifier implements ImageClassifier {
    private final ImageClassifier forward;
    private final ImageClassifier gradients;

    TwinClassifier(ImageClassifier forward, ImageClassifier gradients) {
        if (!forward.info().classNames().equals(gradients.info().classNames()))
            throw new ModelException(forward.info().path() + " and " + gradients.info().path()
                + " are twins by name but list different classes; rename one, or turn ONNX twins off (`onnxTwins`)");
        this.forward = forward;
        this.gradients = gradients;
    }

    @Override public ModelInfo info() { return gradients.info(); }

    @Override public float[][] probabilities(List<PixelImage> batch) { return forward.probabilities(batch); }

    @Override public float[][] logits(List<PixelImage> batch) { return forward.logits(batch); }

    @Override public Optional<Differentiable> gradients() { return gradients.gradients(); }

    @Override public void close() {
        try (ImageClassifier a = forward; ImageClassifier b = gradients) {
            // both closed, even if one close throws
        }
    }
}
