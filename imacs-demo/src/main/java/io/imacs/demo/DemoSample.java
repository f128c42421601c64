package io.imacs.demo;

import io.imacs.image.PixelImage;
import io.imacs.segment.Box;

/**
 * One generated image with its class index and what the generator knows about it: the "IMACS" watermark's box in
 * the image's pixels (null when clean), what stands behind the object (null when unknown) and which pixels the
 * object covers (row-major; null when unknown).
 */
public record DemoSample(PixelImage image, int label, Box watermark, String background, boolean[] foreground) {

    public DemoSample(PixelImage image, int label, Box watermark) { this(image, label, watermark, null, null); }

    public boolean hasWatermark() { return watermark != null; }

    /** Share of the box's pixels that are not the object; NaN when the object's pixels are unknown. */
    public double backgroundShare(Box box) {
        if (foreground == null) return Double.NaN;
        int w = image.width(), bg = 0;
        for (int y = box.y(); y < box.y() + box.h(); y++)
            for (int x = box.x(); x < box.x() + box.w(); x++) if (!foreground[y * w + x]) bg++;
        return (double) bg / ((long) box.w() * box.h());
    }
}
