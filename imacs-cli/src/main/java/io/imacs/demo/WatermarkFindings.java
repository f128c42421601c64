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

/**
 * What the demo checks in a result (paper sections 5 and 6.1): does the cluster where the models differ
 * most hold the watermark, and does an untrained model attribute next to nothing.
 *
 * @param cluster                 the top cluster of the Concept view (ClusterSummary.order 0)
 * @param size                    its segments
 * @param countA                  of them A's
 * @param countB                  of them B's
 * @param meanA                   A's mean attribution there
 * @param meanB                   B's mean attribution there
 * @param bWatermarkShare         share of B's segments in it that overlap a watermark box
 * @param meanAbsA                A's mean |attribution| over all segments
 * @param meanAbsB                B's mean |attribution| over all segments
 */
public record WatermarkFindings(int cluster, int size, int countA, int countB, double meanA, double meanB, double bWatermarkShare,
                                double meanAbsA, double meanAbsB) {

    public static WatermarkFindings of(ImacsResult result) {
        ClusterSummary top = result.clusters().stream().min(Comparator.comparingInt(ClusterSummary::order)).orElseThrow();
        Map<String, Box> boxes = new HashMap<>();
        for (ImageEntry i : result.images()) {
            Box b = watermark(i);
            if (b != null) boxes.put(i.id(), b);
        }
        int inB = 0, onMark = 0;
        double absA = 0, absB = 0;
        int nA = 0, nB = 0;
        for (SegmentEntry s : result.segments()) {
            if (s.model().equals("A")) { absA += Math.abs(s.attribution()); nA++; }
            else { absB += Math.abs(s.attribution()); nB++; }
            if (s.cluster() == top.id() && s.model().equals("B")) {
                inB++;
                Box w = boxes.get(s.image());
                if (w != null && s.box().overlap(w) > 0) onMark++;
            }
        }
        return new WatermarkFindings(top.id(), top.size(), top.count().get("A"), top.count().get("B"), top.mean().get("A"), top.mean().get("B"),
            inB == 0 ? 0 : (double) onMark / inB, nA == 0 ? 0 : absA / nA, nB == 0 ? 0 : absB / nB);
    }

    /** The watermark box recorded by the generator in the CSV annotations, or null for a clean image. */
    static Box watermark(ImageEntry image) {
        Map<String, String> a = image.annotations();
        if (!("yes".equals(a.get("watermark")) || "true".equals(a.get("watermark"))) || a.get("wm_x") == null || a.get("wm_x").isBlank()) return null;
        return new Box(Integer.parseInt(a.get("wm_x")), Integer.parseInt(a.get("wm_y")),
            Integer.parseInt(a.get("wm_w")), Integer.parseInt(a.get("wm_h")));
    }

    /** The findings in words; {@code a} and {@code b} name the comparison's two sides. */
    public List<String> lines(String a, String b) {
        return List.of(
            String.format("cluster %d (%d segments: %d %s, %d %s) tops the Concept view: mean attribution %s %s, %s %s", cluster, size,
                countA, a, countB, b, a, countA == 0 ? "(none)" : String.format("%+.4f", meanA), b, countB == 0 ? "(none)" : String.format("%+.4f", meanB)),
            String.format("%.0f%% of %s's segments in it overlap a watermark", 100 * bWatermarkShare, b),
            String.format("mean |attribution| over all segments: %s %.4f, %s %.4f (%s / %s = %.1f%%)", a, meanAbsA, b, meanAbsB, b, a,
                meanAbsA == 0 ? 0 : 100 * meanAbsB / meanAbsA));
    }
}
