package io.imacs.demo;

import io.imacs.image.PixelImage;
import io.imacs.segment.Box;

/**
 * One generated image with its class index and, when it carries the "IMACS" watermark, the
 * watermark's box in the image's pixels (null when clean).
 */
public record DemoSample(PixelImage image, int label, Box watermark) {
    public boolean hasWatermark() { return watermark != null; }
}
