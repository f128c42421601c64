package io.imacs.count;

import io.imacs.image.PixelImage;
import io.imacs.model.ImageEmbedder;
import io.imacs.model.ModelInfo;
import java.util.List;

/** An embedder that counts its forward passes into a {@link PassCounter}. */
public final class CountingEmbedder implements ImageEmbedder {
    private final ImageEmbedder model;
    private final PassCounter counter;

    public CountingEmbedder(ImageEmbedder model, PassCounter counter) {
        this.model = model;
        this.counter = counter;
    }

    @Override public ModelInfo info() { return model.info(); }

    @Override public float[][] embed(List<PixelImage> batch) {
        long t = System.nanoTime();
        float[][] e = model.embed(batch);
        counter.record(batch.size(), 0, System.nanoTime() - t);
        return e;
    }

    @Override public void close() { model.close(); }
}
