package io.imacs.model;

import io.imacs.image.PixelImage;
import java.util.List;

/** The independent third model whose feature output places segments in a concept space. */
public interface ImageEmbedder extends AutoCloseable {
    ModelInfo info();

    /** One feature vector per image (already pooled/flattened). */
    float[][] embed(List<PixelImage> batch);

    @Override void close();
}
