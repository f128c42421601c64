package io.imacs.demo;

import io.imacs.model.Role;
import io.imacs.result.ClusterSummary;
import io.imacs.result.ImacsResult;
import io.imacs.result.ImageEntry;
import io.imacs.result.SegmentEntry;
import io.imacs.segment.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * What the demo checks in a result (paper sections 5, 6.1 and 6.2): does the cluster where the models differ
 * most hold B's shortcut (the watermark; the background), and does an untrained model attribute next to nothing.
 *
 * @param cluster                 the top cluster of the Concept view (ClusterSummary.order 0)
 * @param size                    its segments
 * @param countA                  of them A's
 * @param countB                  of them B's
 * @param meanA                   A's mean attribution there
 * @param meanB                   B's mean attribution there
 * @param bShortcutShare          share of B's segments in it that show the shortcut
 * @param meanAbsA                A's mean |attribution| over all segments
 * @param meanAbsB                B's mean |attribution| over all segments
 * @param shortcut                the cluster that holds the most of B's segments that show the shortcut, wherever it ranks
 * @param absB                    B's mean |attribution| in every cluster where B has segments, over A's overall mean
 *                                |attribution|, by cluster id (paper section 6.1: an untrained B is "nearly zero in all clusters")
 */
public record ShortcutFindings(int cluster, int size, int countA, int countB, double meanA, double meanB, double bShortcutShare,
                               double meanAbsA, double meanAbsB, ShortcutCluster shortcut, List<ClusterShare> absB) {

    /** The untrained check's bar (issue 11): B's mean |attribution| at most this share of A's in every cluster. */
    public static final double UNTRAINED_BAR = 0.10;

    /**
     * B's mean |attribution| in one cluster over A's overall mean |attribution|. A's overall mean is the scale, not
     * A's mean in the cluster: a cluster A gives little weight (a background) would make any B look large.
     *
     * @param segments B's segments in the cluster
     * @param images   the images they come from: a cluster of two images says less than one of twenty
     */
    public record ClusterShare(int id, int segments, int images, double ratio) {}

    /** The cluster where B's mean |attribution| is largest relative to A's, or null when B has no segments. */
    public ClusterShare largestAbsB() {
        return absB.stream().max(Comparator.comparingDouble(ClusterShare::ratio)).orElse(null);
    }

    /** The clusters where B's mean |attribution| is above {@link #UNTRAINED_BAR} of A's overall mean. */
    public List<ClusterShare> aboveBar() {
        return absB.stream().filter(c -> c.ratio() > UNTRAINED_BAR).toList();
    }

    /**
     * Where B's shortcut went: the cluster holding the most of B's shortcut segments.
     *
     * @param rank     its place in the Concept view, 1 = top
     * @param share    share of B's segments in it that show the shortcut
     * @param holds    whether its difference between the models holds (MeanDifference.holds)
     */
    public record ShortcutCluster(int id, int rank, int clusters, int countA, int countB, double meanA, double meanB, double share, boolean holds) {}

    /** {@code showsShortcut} tells, for an image id and a segment's box in that image's pixels, whether it shows the shortcut. */
    public static ShortcutFindings of(ImacsResult result, BiPredicate<String, Box> showsShortcut) {
        ClusterSummary top = result.clusters().stream().min(Comparator.comparingInt(ClusterSummary::order)).orElseThrow();
        int inB = 0, onShortcut = 0;
        double absA = 0, absB = 0;
        int nA = 0, nB = 0;
        Map<Integer, double[]> perCluster = new HashMap<>();  // cluster -> {B segments, of them on the shortcut}
        for (SegmentEntry s : result.segments()) {
            if (s.model() == Role.A) { absA += Math.abs(s.attribution()); nA++; continue; }
            absB += Math.abs(s.attribution());
            nB++;
            boolean on = showsShortcut.test(s.image(), s.box());
            double[] c = perCluster.computeIfAbsent(s.cluster(), k -> new double[2]);
            c[0]++;
            if (on) c[1]++;
            if (s.cluster() == top.id()) {
                inB++;
                if (on) onShortcut++;
            }
        }
        ShortcutCluster shortcut = null;
        var most = perCluster.entrySet().stream().filter(e -> e.getValue()[1] > 0)
            .max(Comparator.<Map.Entry<Integer, double[]>>comparingDouble(e -> e.getValue()[1]).thenComparing(e -> -e.getKey()));
        if (most.isPresent()) {
            ClusterSummary c = result.clusters().stream().filter(x -> x.id() == most.get().getKey()).findFirst().orElseThrow();
            double[] n = most.get().getValue();
            shortcut = new ShortcutCluster(c.id(), c.order() + 1, result.clusters().size(), c.count().get(Role.A), c.count().get(Role.B),
                orZero(c.mean().get(Role.A)), orZero(c.mean().get(Role.B)), n[1] / n[0], c.difference() != null && c.difference().holds());
        }
        double meanAbsA = nA == 0 ? 0 : absA / nA;
        return new ShortcutFindings(top.id(), top.size(), top.count().get(Role.A), top.count().get(Role.B), orZero(top.mean().get(Role.A)), orZero(top.mean().get(Role.B)),
            inB == 0 ? 0 : (double) onShortcut / inB, meanAbsA, nB == 0 ? 0 : absB / nB, shortcut, absB(result, meanAbsA));
    }

    /** The printed lines say "(none)" for a model without segments (its count is 0), so 0 stands in for its mean here. */
    private static double orZero(Double v) { return v == null ? 0 : v; }

    /** B's per-cluster mean |attribution| over {@code meanAbsA}, by cluster id. */
    private static List<ClusterShare> absB(ImacsResult result, double meanAbsA) {
        Map<Integer, List<SegmentEntry>> byCluster = new TreeMap<>();
        for (SegmentEntry s : result.segments())
            if (s.model() != Role.A) byCluster.computeIfAbsent(s.cluster(), k -> new ArrayList<>()).add(s);
        List<ClusterShare> shares = new ArrayList<>();
        byCluster.forEach((id, segs) -> shares.add(new ClusterShare(id, segs.size(), (int) segs.stream().map(SegmentEntry::image).distinct().count(),
            meanAbsA == 0 ? 0 : segs.stream().mapToDouble(s -> Math.abs(s.attribution())).average().orElse(0) / meanAbsA)));
        return List.copyOf(shares);
    }

    /** The untrained check per cluster (paper section 6.1), in words; {@code a} and {@code u} name the two sides. */
    public String perClusterLine(String a, String u) {
        ClusterShare top = largestAbsB();
        if (top == null) return "per cluster: " + u + " has no segments";
        List<ClusterShare> above = aboveBar();
        String where = above.stream().map(c -> String.format("cluster %d: %.1f%%, %d segments from %d images", c.id(), 100 * c.ratio(), c.segments(), c.images()))
            .collect(Collectors.joining("; "));
        return String.format("per cluster: %s's mean |attribution| is at most %.1f%% of %s's overall mean (cluster %d); ", u, 100 * top.ratio(), a, top.id())
            + (above.isEmpty() ? String.format("at most %.0f%% in each of the %d clusters with %s's segments, as the check asks", 100 * UNTRAINED_BAR, absB.size(), u)
                : String.format("above %.0f%% in %d of the %d clusters with %s's segments (%s)", 100 * UNTRAINED_BAR, above.size(), absB.size(), u, where));
    }

    /** A segment shows the watermark when its box overlaps the watermark box of the result's annotations. */
    public static BiPredicate<String, Box> watermarkAnnotations(ImacsResult result) {
        Map<String, Box> boxes = new HashMap<>();
        for (ImageEntry i : result.images()) {
            Box b = watermark(i);
            if (b != null) boxes.put(i.id(), b);
        }
        return (image, box) -> boxes.containsKey(image) && box.overlap(boxes.get(image)) > 0;
    }

    /** The watermark box recorded by the generator in the CSV annotations, or null for a clean image. */
    static Box watermark(ImageEntry image) {
        Map<String, String> a = image.annotations();
        if (!("yes".equals(a.get("watermark")) || "true".equals(a.get("watermark"))) || a.get("watermark_x") == null || a.get("watermark_x").isBlank()) return null;
        return new Box(Integer.parseInt(a.get("watermark_x")), Integer.parseInt(a.get("watermark_y")),
            Integer.parseInt(a.get("watermark_w")), Integer.parseInt(a.get("watermark_h")));
    }

    /** The findings in words; {@code a} and {@code b} name the comparison's two sides, {@code shows} what a shortcut segment does. */
    public List<String> lines(String a, String b, String shows) {
        List<String> lines = new java.util.ArrayList<>(List.of(
            String.format("cluster %d (%d segments: %d %s, %d %s) tops the Concept view: mean attribution %s %s, %s %s", cluster, size,
                countA, a, countB, b, a, countA == 0 ? "(none)" : String.format("%+.4f", meanA), b, countB == 0 ? "(none)" : String.format("%+.4f", meanB)),
            String.format("%.0f%% of %s's segments in it %s", 100 * bShortcutShare, b, shows),
            String.format("mean |attribution| over all segments: %s %.4f, %s %.4f (%s / %s = %.1f%%)", a, meanAbsA, b, meanAbsB, b, a,
                meanAbsA == 0 ? 0 : 100 * meanAbsB / meanAbsA)));
        if (shortcut != null && shortcut.id() != cluster)
            lines.add(String.format("most of %s's segments that %s are in cluster %d, ranked %d of %d (%d %s, %d %s; mean %s %+.4f, %s %s; %.0f%% of %s's segments there %s; %s)",
                b, shows, shortcut.id(), shortcut.rank(), shortcut.clusters(), shortcut.countA(), a, shortcut.countB(), b,
                a, shortcut.meanA(), b, shortcut.countB() == 0 ? "(none)" : String.format("%+.4f", shortcut.meanB()), 100 * shortcut.share(), b, shows,
                shortcut.holds() ? "the difference holds" : "could be chance"));
        return lines;
    }
}
