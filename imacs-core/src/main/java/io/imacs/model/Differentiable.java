package io.imacs.model;

import io.imacs.image.PixelImage;
import java.util.List;

/** A model that gives input gradients, in pixel space, for a batch of images. */
public interface Differentiable {
    /**
     * For each image i: the value of output {@code classes[i]} (probability or logit) and its gradient
     * with respect to the image's pixels (same CHW layout and size as the image).
     */
    Gradients gradients(List<PixelImage> batch, int[] classes, Output output);
}
