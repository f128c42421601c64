package io.imacs.image;

import boofcv.alg.filter.blur.GBlurImageOps;
import boofcv.struct.image.GrayF32;

/** Gaussian blur of a whole image (BoofCV), the paper's fill for excluded segments. */
public final class GaussianBlur {
    private GaussianBlur() {}

    /** Blurs each channel with standard deviation {@code sigma} pixels; radius 3 sigma. */
    public static PixelImage apply(PixelImage image, double sigma) {
        if (sigma <= 0) return image;
        int w = image.width(), h = image.height(), p = image.plane();
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] out = new float[image.size()];
        GrayF32 in = new GrayF32(w, h), res = new GrayF32(w, h);
        for (int c = 0; c < PixelImage.CHANNELS; c++) {
            System.arraycopy(image.chw(), c * p, in.data, 0, p);
            GBlurImageOps.gaussian(in, res, sigma, radius, null);
            System.arraycopy(res.data, 0, out, c * p, p);
        }
        return new PixelImage(w, h, out);
    }
}
