package io.imacs.cli.attribute;

import io.imacs.image.PixelImage;
import java.util.Arrays;

/**
 * Attribution heat maps drawn over the image they explain. Signed maps use a diverging scale
 * (blue = negative, white = zero, red = positive) symmetric around zero and clipped at the 99th
 * percentile of |a|, so one extreme pixel cannot wash out the rest. Unsigned maps (XRAI) use a
 * sequential dark-to-bright scale between their 1st and 99th percentiles. The image shows through in
 * grey so the colours are not confused with its own.
 */
public final class HeatMap {
    private HeatMap() {}

    /** Percentile used to clip the colour scale. */
    static final double CLIP = 0.99;
    /** Share of the heat colour in each blended pixel; the rest is the image in grey. */
    static final float OPACITY = 0.6f;

    // viridis at 0, 1/4, 1/2, 3/4, 1: perceptually ordered, readable in grey and by colour-blind readers
    private static final float[][] SEQUENTIAL = {
        {0.267f, 0.005f, 0.329f}, {0.231f, 0.322f, 0.546f}, {0.128f, 0.567f, 0.551f}, {0.369f, 0.789f, 0.383f}, {0.993f, 0.906f, 0.144f}};
    private static final float[] BLUE = {0.129f, 0.400f, 0.675f}, WHITE = {1f, 1f, 1f}, RED = {0.698f, 0.094f, 0.169f};

    /** Diverging map of a signed per-pixel attribution (H*W, row-major) over {@code image}, scaled up by {@code zoom}. */
    public static PixelImage diverging(double[] map, PixelImage image, int zoom) {
        check(map, image);
        double[] abs = absolute(map);
        double clip = percentile(abs, CLIP);
        if (clip == 0) clip = percentile(abs, 1);   // sparse map: fewer than 1% non-zero pixels still show
        float[][] colours = new float[map.length][];
        for (int i = 0; i < map.length; i++) {
            double t = clip > 0 ? Math.max(-1, Math.min(1, map[i] / clip)) : 0;
            colours[i] = t >= 0 ? mix(WHITE, RED, (float) t) : mix(WHITE, BLUE, (float) -t);
        }
        return overlay(colours, image, zoom);
    }

    /** Sequential map of an unsigned (or ordinal) per-pixel attribution over {@code image}. */
    public static PixelImage sequential(double[] map, PixelImage image, int zoom) {
        check(map, image);
        double lo = percentile(map, 1 - CLIP), hi = percentile(map, CLIP);
        if (hi <= lo) { lo = percentile(map, 0); hi = percentile(map, 1); }
        float[][] colours = new float[map.length][];
        for (int i = 0; i < map.length; i++) {
            double t = hi > lo ? Math.max(0, Math.min(1, (map[i] - lo) / (hi - lo))) : 0;
            double pos = t * (SEQUENTIAL.length - 1);
            int k = Math.min(SEQUENTIAL.length - 2, (int) pos);
            colours[i] = mix(SEQUENTIAL[k], SEQUENTIAL[k + 1], (float) (pos - k));
        }
        return overlay(colours, image, zoom);
    }

    /** Integer zoom so the longer side reaches at least {@code minSide} pixels (nearest neighbour keeps pixels sharp). */
    public static int zoomFor(PixelImage image, int minSide) {
        int side = Math.max(image.width(), image.height());
        return Math.max(1, (minSide + side - 1) / side);
    }

    /** The value at quantile {@code q} (nearest rank, numpy's 'lower'); NaN-free input assumed. */
    static double percentile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[(int) Math.floor(q * (s.length - 1))];
    }

    private static double[] absolute(double[] map) {
        double[] a = new double[map.length];
        for (int i = 0; i < a.length; i++) a[i] = Math.abs(map[i]);
        return a;
    }

    private static float[] mix(float[] a, float[] b, float t) {
        return new float[] {a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t};
    }

    private static PixelImage overlay(float[][] colours, PixelImage image, int zoom) {
        if (zoom < 1) throw new IllegalArgumentException("zoom must be at least 1, got " + zoom);
        int w = image.width(), h = image.height(), zw = w * zoom, zh = h * zoom, zp = zw * zh;
        float[] out = new float[3 * zp];
        for (int y = 0; y < zh; y++)
            for (int x = 0; x < zw; x++) {
                int src = (y / zoom) * w + x / zoom;
                float grey = (image.get(0, y / zoom, x / zoom) + image.get(1, y / zoom, x / zoom) + image.get(2, y / zoom, x / zoom)) / 3;
                for (int c = 0; c < 3; c++) out[c * zp + y * zw + x] = OPACITY * colours[src][c] + (1 - OPACITY) * grey;
            }
        return new PixelImage(zw, zh, out);
    }

    private static void check(double[] map, PixelImage image) {
        if (map.length != image.plane())
            throw new IllegalArgumentException("heat map has " + map.length + " values, image " + image.width() + "x" + image.height() + " has " + image.plane() + " pixels");
        for (double v : map) if (!Double.isFinite(v)) throw new IllegalArgumentException("attribution contains NaN or infinite values; cannot draw a heat map");
    }
}
