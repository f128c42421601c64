package io.imacs.image;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What stands in for an excluded segment (Shapley coalitions, occlusion). Blur is the paper's choice;
 * it keeps a region's colour, so a model that relies on colour looks indifferent to that region under
 * blur and is only caught by a colour-removing fill (mean, grey, noise).
 */
public enum ExclusionFill {
    /** Gaussian blur of the whole image (paper default). */
    BLUR,
    /** The image's mean colour. */
    MEAN,
    /** Mid grey (0.5). */
    GREY,
    /** Uniform noise in [0,1], seeded. */
    NOISE;

    public static ExclusionFill parse(String s) {
        try { return valueOf(s.toUpperCase(Locale.ROOT)); }
        catch (IllegalArgumentException e) { throw new IllegalArgumentException("`exclusion` " + s + ": expected blur, mean, grey or noise"); }
    }

    /** The fill image for {@code image}; {@code sigma} is used by BLUR, {@code seed} by NOISE. */
    public PixelImage fill(PixelImage image, double sigma, long seed) {
        int p = image.plane();
        float[] out = new float[image.size()];
        switch (this) {
            case BLUR -> { return GaussianBlur.apply(image, sigma); }
            case GREY -> java.util.Arrays.fill(out, 0.5f);
            case MEAN -> {
                for (int c = 0; c < 3; c++) {
                    double s = 0;
                    for (int i = 0; i < p; i++) s += image.chw()[c * p + i];
                    java.util.Arrays.fill(out, c * p, (c + 1) * p, (float) (s / p));
                }
            }
            case NOISE -> {
                SplittableRandom r = new SplittableRandom(seed);
                for (int i = 0; i < out.length; i++) out[i] = (float) r.nextDouble();
            }
        }
        return new PixelImage(image.width(), image.height(), out);
    }

    public String id() { return name().toLowerCase(Locale.ROOT); }
}
