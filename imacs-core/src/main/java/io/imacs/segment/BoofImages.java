package io.imacs.segment;

import boofcv.abst.segmentation.ImageSuperpixels;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.GrayS32;
import boofcv.struct.image.Planar;
import io.imacs.image.PixelImage;

/** Conversions between pixel space and BoofCV images for the segmenters. */
final class BoofImages {
    private BoofImages() {}

    /** The image as a 3-band float image, values scaled to [lo, hi]. */
    static Planar<GrayF32> planar(PixelImage image, float lo, float hi) {
        int w = image.width(), h = image.height(), p = image.plane();
        Planar<GrayF32> out = new Planar<>(GrayF32.class, w, h, 3);
        for (int c = 0; c < 3; c++) {
            float[] band = out.getBand(c).data;
            for (int i = 0; i < p; i++) band[i] = lo + (hi - lo) * image.chw()[c * p + i];
        }
        return out;
    }

    /** Runs a BoofCV superpixel algorithm; returns its per-pixel labels. */
    static int[] labels(ImageSuperpixels<Planar<GrayF32>> alg, Planar<GrayF32> image) {
        GrayS32 out = new GrayS32(image.width, image.height);
        alg.segment(image, out);
        int[] labels = new int[image.width * image.height];
        for (int y = 0; y < image.height; y++)
            for (int x = 0; x < image.width; x++) labels[y * image.width + x] = out.get(x, y);
        return labels;
    }
}
