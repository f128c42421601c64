package io.imacs.attribution;

import io.imacs.image.PixelImage;
import io.imacs.image.Resize;
import io.imacs.segment.FelzenszwalbSegmenter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * XRAI (Kapishnikov et al. 2019), following PAIR saliency's xrai.py: regions are added greedily by
 * gain = mean attribution of the pixels they add ({@link Mode#FULL}), or ranked once ignoring
 * overlaps ({@link Mode#FAST}); every pixel gets the gain of the region that added it.
 * Works over any per-pixel attribution (channels reduced by max, as the reference) and either its own
 * multi-scale Felzenszwalb regions or given ones (grid cells, SLIC).
 */
public final class Xrai {
    public enum Mode { FULL, FAST }

    /**
     * @param map     per-pixel XRAI attribution (H*W): the gain of the region that added the pixel
     * @param ranks   per-pixel rank of that region, 1 = most important
     * @param regions pixels added by each ranked region, best first (the last may be the uncovered rest)
     * @param gains   gain of each ranked region, same order
     */
    public record Result(double[] map, int[] ranks, List<boolean[]> regions, double[] gains) {}

    // the reference's multi-scale over-segmentation
    private static final double[] FH_SCALES = {50, 100, 150, 250, 500, 1200};
    private static final double FH_SIGMA = 0.8;
    private static final int FH_SIZE = 224, FH_MIN_SIZE = 150, DILATION = 5;

    private final Mode mode;
    private final double areaThreshold;
    private final int minPixelDiff;

    /**
     * @param areaThreshold fraction of the image after which full mode stops adding regions (1 = all)
     * @param minPixelDiff  regions adding fewer new pixels are skipped (reference: 50; use 1 for given disjoint segments)
     */
    public Xrai(Mode mode, double areaThreshold, int minPixelDiff) {
        if (!(areaThreshold > 0 && areaThreshold <= 1)) throw new IllegalArgumentException("XRAI area threshold must be in (0, 1], got " + areaThreshold);
        if (minPixelDiff < 1) throw new IllegalArgumentException("XRAI minimum pixel difference must be at least 1, got " + minPixelDiff);
        this.mode = mode;
        this.areaThreshold = areaThreshold;
        this.minPixelDiff = minPixelDiff;
    }

    /** The reference defaults: full mode, whole image, 50 pixels. */
    public static Xrai referenceDefaults() { return new Xrai(Mode.FULL, 1.0, 50); }

    /** XRAI over a CHW attribution of an image with {@code plane} pixels; channels reduced by max. */
    public Result explain(float[] chwAttribution, int plane, List<boolean[]> regions) {
        return rank(ChannelReduction.MAX.reduce(chwAttribution, plane), regions);
    }

    /** XRAI over a per-pixel attribution (H*W). */
    public Result rank(double[] attr, List<boolean[]> regions) {
        for (boolean[] r : regions)
            if (r.length != attr.length) throw new IllegalArgumentException("region has " + r.length + " pixels, attribution " + attr.length);
        double[] map = new double[attr.length];
        Arrays.fill(map, Double.NEGATIVE_INFINITY);
        boolean[] current = new boolean[attr.length];
        List<boolean[]> trace = new ArrayList<>();
        List<Double> gains = new ArrayList<>();
        if (mode == Mode.FULL) full(attr, regions, map, current, trace, gains);
        else fast(attr, regions, map, current, trace, gains);

        boolean[] rest = new boolean[attr.length];
        boolean anyRest = false;
        for (int i = 0; i < attr.length; i++) if (map[i] == Double.NEGATIVE_INFINITY) { rest[i] = true; anyRest = true; }
        // uncovered pixels share their mean attribution, so the map keeps the attribution's total
        if (anyRest) {
            double g = density(rest, attr);
            for (int i = 0; i < attr.length; i++) if (rest[i]) map[i] = g;
        }
        Integer[] order = new Integer[trace.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(gains.get(b), gains.get(a)));   // stable, as Python's sorted
        List<boolean[]> ranked = new ArrayList<>();
        List<Double> rankedGains = new ArrayList<>();
        for (int i : order) { ranked.add(trace.get(i)); rankedGains.add(gains.get(i)); }
        if (anyRest) { ranked.add(rest); rankedGains.add(density(rest, attr)); }
        int[] ranks = new int[attr.length];
        for (int k = 0; k < ranked.size(); k++) for (int i = 0; i < attr.length; i++) if (ranked.get(k)[i]) ranks[i] = k + 1;
        return new Result(map, ranks, ranked, rankedGains.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private void full(double[] attr, List<boolean[]> regions, double[] map, boolean[] current, List<boolean[]> trace, List<Double> gains) {
        List<boolean[]> remaining = new ArrayList<>(regions);
        int covered = 0;
        while ((double) covered / attr.length <= areaThreshold) {
            double best = Double.NEGATIVE_INFINITY;
            int bestIdx = -1;
            for (int k = remaining.size() - 1; k >= 0; k--) {
                boolean[] r = remaining.get(k);
                int added = 0;
                double sum = 0;
                for (int i = 0; i < r.length; i++) if (r[i] && !current[i]) { added++; sum += attr[i]; }
                if (added < minPixelDiff) { remaining.remove(k); if (bestIdx > k) bestIdx--; continue; }
                double gain = sum / added;
                // ties go to the earlier region, as the reference's first-best scan
                if (gain >= best) { best = gain; bestIdx = k; }
            }
            if (remaining.isEmpty()) break;
            boolean[] r = remaining.remove(bestIdx);
            boolean[] diff = new boolean[r.length];
            for (int i = 0; i < r.length; i++) if (r[i] && !current[i]) { diff[i] = true; current[i] = true; map[i] = best; covered++; }
            trace.add(diff);
            gains.add(best);
        }
    }

    private void fast(double[] attr, List<boolean[]> regions, double[] map, boolean[] current, List<boolean[]> trace, List<Double> gains) {
        Integer[] order = new Integer[regions.size()];
        double[] whole = new double[regions.size()];
        for (int k = 0; k < order.length; k++) { order[k] = k; whole[k] = density(regions.get(k), attr); }
        Arrays.sort(order, (a, b) -> Double.compare(whole[b], whole[a]));
        for (int k : order) {
            boolean[] r = regions.get(k), diff = new boolean[r.length];
            int added = 0;
            for (int i = 0; i < r.length; i++) if (r[i] && !current[i]) { diff[i] = true; added++; }
            if (added < minPixelDiff) continue;
            double gain = density(diff, attr);
            for (int i = 0; i < r.length; i++) if (diff[i]) { map[i] = gain; current[i] = true; }
            trace.add(diff);
            gains.add(gain);
        }
    }

    private static double density(boolean[] mask, double[] attr) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < mask.length; i++) if (mask[i]) { s += attr[i]; n++; }
        return n == 0 ? Double.NEGATIVE_INFINITY : s / n;
    }

    /**
     * XRAI's own regions: Felzenszwalb at six scales on the image min-max normalised and resized to
     * 224x224, labels resized back (nearest), every region dilated by a disk of radius 5.
     */
    public static List<boolean[]> felzenszwalbRegions(PixelImage image) {
        int w = image.width(), h = image.height();
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float v : image.chw()) { min = Math.min(min, v); max = Math.max(max, v); }
        float[] norm = new float[image.size()];
        float range = max > min ? max - min : 1;
        for (int i = 0; i < norm.length; i++) norm[i] = (image.chw()[i] - min) / range;
        PixelImage small = Resize.bilinear(new PixelImage(w, h, norm), FH_SIZE, FH_SIZE);
        List<boolean[]> out = new ArrayList<>();
        for (double scale : FH_SCALES) {
            int[] labels = new FelzenszwalbSegmenter(scale, FH_SIGMA, FH_MIN_SIZE).labels(small);
            java.util.Map<Integer, boolean[]> masks = new java.util.TreeMap<>();
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    int sx = Math.min(FH_SIZE - 1, (int) ((x + 0.5) * FH_SIZE / w)), sy = Math.min(FH_SIZE - 1, (int) ((y + 0.5) * FH_SIZE / h));
                    masks.computeIfAbsent(labels[sy * FH_SIZE + sx], l -> new boolean[w * h])[y * w + x] = true;
                }
            for (boolean[] m : masks.values()) out.add(dilate(m, w, h, DILATION));
        }
        return out;
    }

    /** Morphological dilation by a disk of the given radius (x^2 + y^2 <= r^2). */
    static boolean[] dilate(boolean[] mask, int w, int h, int radius) {
        boolean[] out = new boolean[mask.length];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                if (!mask[y * w + x]) continue;
                for (int dy = -radius; dy <= radius; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= h) continue;
                    for (int dx = -radius; dx <= radius; dx++) {
                        int xx = x + dx;
                        if (xx >= 0 && xx < w && dx * dx + dy * dy <= radius * radius) out[yy * w + xx] = true;
                    }
                }
            }
        return out;
    }

    public String describe() {
        return "xrai mode=" + mode.name().toLowerCase() + " area=" + areaThreshold + " min_pixels=" + minPixelDiff;
    }
}
