package io.imacs.model;

import io.imacs.image.PixelImage;
import java.util.List;
import java.util.function.Supplier;

/** An embedder that opens its model on the first call, as {@link DeferredClassifier} does. */
final class DeferredEmbedder implements ImageEmbedder {
    private final ModelInfo info;
    private final Supplier<ImageEmbedder> open;
    private ImageEmbedder model;

    DeferredEmbedder(ModelInfo info, Supplier<ImageEmbedder> open) {
        this.info = info;
        this.open = open;
    }

    private synchronized ImageEmbedder model() {
        if (model == null) model = open.get();
        return model;
    }

    @Override public ModelInfo info() { return info; }

    @Override public float[][] embed(List<PixelImage> batch) { return model().embed(batch); }

    @Override public synchronized void close() {
        if (model != null) model.close();
    }
}
