package io.imacs.count;

import io.imacs.image.PixelImage;
import io.imacs.model.Differentiable;
import io.imacs.model.Gradients;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ModelInfo;
import io.imacs.model.Output;
import java.util.List;
import java.util.Optional;

/** A classifier that counts its passes (images forward; images forward+backward) into a {@link PassCounter}. */
public final class CountingClassifier implements ImageClassifier {
    private final ImageClassifier model;
    private final PassCounter counter;
    private final Optional<Differentiable> gradients;

    public CountingClassifier(ImageClassifier model, PassCounter counter) {
        this.model = model;
        this.counter = counter;
        this.gradients = model.gradients().map(d -> (batch, classes, output) -> {
            long t = System.nanoTime();
            Gradients g = d.gradients(batch, classes, output);
            counter.record(0, batch.size(), System.nanoTime() - t);
            return g;
        });
    }

    @Override public ModelInfo info() { return model.info(); }

    @Override public float[][] probabilities(List<PixelImage> batch) {
        long t = System.nanoTime();
        float[][] p = model.probabilities(batch);
        counter.record(batch.size(), 0, System.nanoTime() - t);
        return p;
    }

    @Override public float[][] logits(List<PixelImage> batch) {
        long t = System.nanoTime();
        float[][] p = model.logits(batch);
        counter.record(batch.size(), 0, System.nanoTime() - t);
        return p;
    }

    @Override public Optional<Differentiable> gradients() { return gradients; }

    @Override public void close() { model.close(); }
}
