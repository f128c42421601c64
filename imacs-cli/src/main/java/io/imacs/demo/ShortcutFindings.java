package io.imacs.demo;

import io.imacs.result.ClusterSummary;
import io.imacs.result.ImacsResult;
import io.imacs.result.ImageEntry;
import io.imacs.result.SegmentEntry;
import io.imacs.segment.Box;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

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
 * @param largestClusterAbsB      the largest of B's per-cluster mean |attribution|, over A's overall mean |attribution|
 *                                (paper section 6.1: an untrained B is "nearly zero in all clusters")
 * @param largestClusterAbsBId    the cluster where it is
 */
public record ShortcutFindings(int cluster, int size, int countA, int countB, double meanA, double meanB, double bShortcutShare,
                               double meanAbsA, double meanAbsB, ShortcutCluster shortcut, double largestClusterAbsB, int largestClusterAbsBId) {

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
        Map<Integer, double[]> perCluster = new HashMap<>();  // cluster -> {B segments, of them on the shortcut, B's sum of |attribution|}
        for (SegmentEntry s : result.segments()) {
            if (s.model().equals("A")) { absA += Math.abs(s.attribution()); nA++; continue; }
            absB += Math.abs(s.attribution());
            nB++;
            boolean on = showsShortcut.test(s.image(), s.box());
            double[] c = perCluster.computeIfAbsent(s.cluster(), k -> new double[3]);
            c[0]++;
            if (on) c[1]++;
            c[2] += Math.abs(s.attribution());
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
            shortcut = new ShortcutCluster(c.id(), c.order() + 1, result.clusters().size(), c.count().get("A"), c.count().get("B"),
                c.mean().get("A"), c.mean().get("B"), n[1] / n[0], c.difference() != null && c.difference().holds());
        }
        double meanAbsA = nA == 0 ? 0 : absA / nA, largest = 0;
        int largestId = -1;
        for (var e : perCluster.entrySet()) {
            double ratio = meanAbsA == 0 ? 0 : e.getValue()[2] / e.getValue()[0] / meanAbsA;
            if (largestId < 0 || ratio > largest) { largest = ratio; largestId = e.getKey(); }
        }
        return new ShortcutFindings(top.id(), top.size(), top.count().get("A"), top.count().get("B"), top.mean().get("A"), top.mean().get("B"),
            inB == 0 ? 0 : (double) onShortcut / inB, meanAbsA, nB == 0 ? 0 : absB / nB, shortcut, largest, largestId);
    }

    /** The untrained check per cluster (paper section 6.1), in words; {@code a} and {@code u} name the two sides. */
    public String perClusterLine(String a, String u) {
        return String.format("per cluster: %s's mean |attribution| is at most %.1f%% of %s's overall mean (cluster %d)%s", u,
            100 * largestClusterAbsB, a, largestClusterAbsBId, largestClusterAbsB <= 0.1 ? "" : ", above the 10% the check asks");
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
        if (!("yes".equals(a.get("watermark")) || "true".equals(a.get("watermark"))) || a.get("wm_x") == null || a.get("wm_x").isBlank()) return null;
        return new Box(Integer.parseInt(a.get("wm_x")), Integer.parseInt(a.get("wm_y")),
            Integer.parseInt(a.get("wm_w")), Integer.parseInt(a.get("wm_h")));
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
