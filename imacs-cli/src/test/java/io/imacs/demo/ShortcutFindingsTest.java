package io.imacs.demo;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.result.ClusterSummary;
import io.imacs.result.ImacsResult;
import io.imacs.result.MeanDifference;
import io.imacs.result.SegmentEntry;
import io.imacs.sample.ConfusionOutcome;
import io.imacs.segment.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the demo reads off a result: the top cluster, where B's shortcut segments went, and the untrained check per cluster. */
class ShortcutFindingsTest {

    /** Segments at x = 0 show the shortcut; the others do not. */
    private static final Box ON = new Box(0, 0, 16, 16), OFF = new Box(32, 32, 16, 16);

    private static SegmentEntry segment(int id, String model, int cluster, double attribution, Box box) {
        return new SegmentEntry(id, model, model + "/img" + id, "c", "c", ConfusionOutcome.TP, 0, 1, box, box, attribution, 0,
            Map.of("c", attribution), cluster, 0, "", List.of());
    }

    private static ClusterSummary cluster(int id, int order, List<SegmentEntry> segs, boolean holds) {
        int a = (int) segs.stream().filter(s -> s.cluster() == id && s.model().equals("A")).count();
        int b = (int) segs.stream().filter(s -> s.cluster() == id && s.model().equals("B")).count();
        double ma = segs.stream().filter(s -> s.cluster() == id && s.model().equals("A")).mapToDouble(SegmentEntry::attribution).average().orElse(0);
        double mb = segs.stream().filter(s -> s.cluster() == id && s.model().equals("B")).mapToDouble(SegmentEntry::attribution).average().orElse(0);
        return new ClusterSummary(id, order, a + b, Map.of("A", a, "B", b), Map.of("A", ma, "B", mb), ma - mb, Map.of(), Map.of(),
            new MeanDifference(ma - mb, ma - mb - 0.1, ma - mb + 0.1, 0.05, holds ? 0.001 : 0.5, 2000));
    }

    @Test void findsWhereTheShortcutWentAndTheLargestClusterOfTheUntrainedSide() {
        List<SegmentEntry> segs = new ArrayList<>();
        int id = 0;
        // cluster 0, ranked first: flower parts, B above A, none on the shortcut
        for (int i = 0; i < 4; i++) segs.add(segment(id++, "A", 0, -0.5, OFF));
        for (int i = 0; i < 4; i++) segs.add(segment(id++, "B", 0, 1.5, OFF));
        // cluster 1, ranked second: 5 of B's 6 segments on the shortcut
        for (int i = 0; i < 3; i++) segs.add(segment(id++, "A", 1, 0.2, OFF));
        for (int i = 0; i < 6; i++) segs.add(segment(id++, "B", 1, 1.0, i < 5 ? ON : OFF));
        // cluster 2, ranked third: 2 of B's segments on the shortcut
        for (int i = 0; i < 2; i++) segs.add(segment(id++, "B", 2, 0.1, ON));
        List<ClusterSummary> clusters = List.of(cluster(0, 0, segs, true), cluster(1, 1, segs, true), cluster(2, 2, segs, false));
        ImacsResult result = new ImacsResult(null, List.of(), segs, clusters, List.of());

        ShortcutFindings f = ShortcutFindings.of(result, (image, box) -> box.x() == 0);
        assertEquals(0, f.cluster());
        assertEquals(0.0, f.bShortcutShare(), 1e-12, "none of B's segments in the top cluster show the shortcut");
        ShortcutFindings.ShortcutCluster s = f.shortcut();
        assertEquals(1, s.id(), "most of B's shortcut segments (5 of 7) are in cluster 1");
        assertEquals(2, s.rank());
        assertEquals(5.0 / 6, s.share(), 1e-12);
        assertTrue(s.holds());
        double meanAbsA = (4 * 0.5 + 3 * 0.2) / 7;
        assertEquals(meanAbsA, f.meanAbsA(), 1e-12);
        // B's largest per-cluster mean |attribution| is cluster 0's 1.5
        assertEquals(1.5 / meanAbsA, f.largestClusterAbsB(), 1e-12);
        assertEquals(0, f.largestClusterAbsBId());
        assertTrue(f.perClusterLine("A", "U").endsWith("above the 10% the check asks"), f.perClusterLine("A", "U"));
        assertTrue(f.lines("A", "B", "are background").stream().anyMatch(l -> l.contains("cluster 1, ranked 2 of 3")), f.lines("A", "B", "are background").toString());
    }

    @Test void noShortcutSegmentsMeansNoShortcutCluster() {
        List<SegmentEntry> segs = List.of(segment(0, "A", 0, 1.0, OFF), segment(1, "B", 0, 0.05, OFF));
        ShortcutFindings f = ShortcutFindings.of(new ImacsResult(null, List.of(), segs, List.of(cluster(0, 0, segs, false)), List.of()), (i, b) -> false);
        assertNull(f.shortcut());
        assertEquals(0.05, f.largestClusterAbsB(), 1e-12);
        assertFalse(f.perClusterLine("A", "U").contains("above"), "5% passes the 10% check");
        assertEquals(3, f.lines("A", "U", "overlap a watermark").size());
    }
}
