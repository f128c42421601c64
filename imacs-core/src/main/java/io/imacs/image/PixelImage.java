package io.imacs.image;

import java.util.Arrays;

/**
 * An RGB image in IMACS's single pixel space: floats in [0,1], planar (channel-major, CHW).
 * Every algorithm works here; model adapters own the conversion to their model's input.
 * The array is never mutated after construction; methods return new images.
 */
public record PixelImage(int width, int height, float[] chw) {

    public static final int CHANNELS = 3;

    public PixelImage {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        if (chw.length != CHANNELS * width * height)
            throw new IllegalArgumentException("expected " + CHANNELS * width * height + " values, got " + chw.length);
    }

    public static PixelImage filled(int width, int height, float value) {
        float[] a = new float[CHANNELS * width * height];
        Arrays.fill(a, value);
        return new PixelImage(width, height, a);
    }

    public int size() { return chw.length; }

    public int plane() { return width * height; }

    public float get(int c, int y, int x) { return chw[c * width * height + y * width + x]; }

    /** A copy of the pixel data; the image itself stays unchanged. */
    public float[] copy() { return chw.clone(); }

    /**
     * Pixel-wise composite: where {@code keep[y*width+x]} is true take this image, else {@code other}.
     * Used for Shapley coalitions and occlusion, where excluded segments show the fill image.
     */
    public PixelImage composite(boolean[] keep, PixelImage other) {
        if (other.width != width || other.height != height) throw new IllegalArgumentException("size mismatch");
        float[] out = new float[chw.length];
        int p = plane();
        for (int c = 0; c < CHANNELS; c++) {
            int o = c * p;
            for (int i = 0; i < p; i++) out[o + i] = keep[i] ? chw[o + i] : other.chw[o + i];
        }
        return new PixelImage(width, height, out);
    }

    @Override public boolean equals(Object o) {
        return o instanceof PixelImage p && p.width == width && p.height == height && Arrays.equals(p.chw, chw);
    }

    @Override public int hashCode() { return 31 * (31 * width + height) + Arrays.hashCode(chw); }

    @Override public String toString() { return "PixelImage[" + width + "x" + height + "]"; }
}
