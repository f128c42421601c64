package io.imacs.djl;

import io.imacs.image.PixelImage;
import io.imacs.model.ImageClassifier;
import io.imacs.model.Output;
import java.util.ArrayList;
import java.util.List;

/** Central finite differences of a classifier output with respect to single pixels, batched. */
final class FiniteDifferences {
    private FiniteDifferences() {}

    /** d(output[cls]) / d(pixel index j) for each j in {@code pixels}, step h in pixel space. */
    static double[] of(ImageClassifier model, PixelImage img, int cls, Output output, int[] pixels, float h) {
        List<PixelImage> batch = new ArrayList<>();
        for (int j : pixels) {
            float[] plus = img.copy(), minus = img.copy();
            plus[j] += h;
            minus[j] -= h;
            batch.add(new PixelImage(img.width(), img.height(), plus));
            batch.add(new PixelImage(img.width(), img.height(), minus));
        }
        float[][] out = model.outputs(batch, output);
        double[] d = new double[pixels.length];
        for (int i = 0; i < pixels.length; i++) d[i] = ((double) out[2 * i][cls] - out[2 * i + 1][cls]) / (2 * h);
        return d;
    }

    /**
     * The image plus small seeded noise. The fixture shapes are flat colour, so max-pool windows hold
     * exact ties, where the network is not differentiable and one-sided FD slopes differ; noise removes them.
     */
    static PixelImage jittered(PixelImage img, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        float[] a = img.copy();
        for (int i = 0; i < a.length; i++) a[i] = Math.min(1f, Math.max(0f, a[i] + (rnd.nextFloat() - 0.5f) * 0.02f));
        return new PixelImage(img.width(), img.height(), a);
    }

    /** The indices of the {@code count} largest |g|: FD is compared where the signal dwarfs float noise. */
    static int[] largest(float[] g, int count) {
        Integer[] idx = new Integer[g.length];
        for (int i = 0; i < g.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> Float.compare(Math.abs(g[b]), Math.abs(g[a])));
        int[] out = new int[count];
        for (int i = 0; i < count; i++) out[i] = idx[i * 7]; // spread over the top 7*count, not one hot spot
        return out;
    }
}
