package io.imacs.demo;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.model.Role;
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

    private static SegmentEntry segment(int id, Role model, int cluster, double attribution, Box box) {
        return new SegmentEntry(id, model, model + "/img" + id, "c", "c", ConfusionOutcome.TP, 0, 1, box, box, attribution, 0,
            Map.of("c", attribution), cluster, 0, "", List.of());
    }

    private static ClusterSummary cluster(int id, int order, List<SegmentEntry> segs, boolean holds) {
        int a = (int) segs.stream().filter(s -> s.cluster() == id && s.model() == Role.A).count();
        int b = (int) segs.stream().filter(s -> s.cluster() == id && s.model() == Role.B).count();
        double ma = segs.stream().filter(s -> s.cluster() == id && s.model() == Role.A).mapToDouble(SegmentEntry::attribution).average().orElse(0);
        double mb = segs.stream().filter(s -> s.cluster() == id && s.model() == Role.B).mapToDouble(SegmentEntry::attribution).average().orElse(0);
        return new ClusterSummary(id, order, a + b, Map.of(Role.A, a, Role.B, b), Map.of(Role.A, ma, Role.B, mb), ma - mb, Map.of(), Map.of(),
            new MeanDifference(ma - mb, ma - mb - 0.1, ma - mb + 0.1, 0.05, holds ? 0.001 : 0.5, 2000));
    }

    @Test void findsWhereTheShortcutWentAndTheLargestClusterOfTheUntrainedSide() {
        List<SegmentEntry> segs = new ArrayList<>();
        int id = 0;
        // cluster 0, ranked first: flower parts, B above A, none on the shortcut
        for (int i = 0; i < 4; i++) segs.add(segment(id++, Role.A, 0, -0.5, OFF));
        for (int i = 0; i < 4; i++) segs.add(segment(id++, Role.B, 0, 1.5, OFF));
        // cluster 1, ranked second: 5 of B's 6 segments on the shortcut
        for (int i = 0; i < 3; i++) segs.add(segment(id++, Role.A, 1, 0.2, OFF));
        for (int i = 0; i < 6; i++) segs.add(segment(id++, Role.B, 1, 1.0, i < 5 ? ON : OFF));
        // cluster 2, ranked third: 2 of B's segments on the shortcut
        for (int i = 0; i < 2; i++) segs.add(segment(id++, Role.B, 2, 0.1, ON));
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
        assertEquals(1.5 / meanAbsA, f.largestAbsB().ratio(), 1e-12);
        assertEquals(0, f.largestAbsB().id());
        assertEquals(List.of(0, 1, 2), f.absB().stream().map(ShortcutFindings.ClusterShare::id).toList());
        assertEquals(List.of(0, 1, 2), f.aboveBar().stream().map(ShortcutFindings.ClusterShare::id).toList());
        assertTrue(f.perClusterLine("A", "U").contains("above 10% in 3 of the 3 clusters with U's segments (cluster 0: 403.8%, 4 segments from 4 images;"), f.perClusterLine("A", "U"));
        assertTrue(f.lines("A", "B", "are background").stream().anyMatch(l -> l.contains("cluster 1, ranked 2 of 3")), f.lines("A", "B", "are background").toString());
    }

    @Test void noShortcutSegmentsMeansNoShortcutCluster() {
        List<SegmentEntry> segs = List.of(segment(0, Role.A, 0, 1.0, OFF), segment(1, Role.B, 0, 0.05, OFF));
        ShortcutFindings f = ShortcutFindings.of(new ImacsResult(null, List.of(), segs, List.of(cluster(0, 0, segs, false)), List.of()), (i, b) -> false);
        assertNull(f.shortcut());
        assertEquals(0.05, f.largestAbsB().ratio(), 1e-12);
        assertTrue(f.perClusterLine("A", "U").endsWith("at most 10% in each of the 1 clusters with U's segments, as the check asks"), f.perClusterLine("A", "U"));
        assertEquals(3, f.lines("A", "U", "overlap a watermark").size());
    }

    /** B's per-cluster |attribution| counts images as well as segments, and the bar is per cluster, not overall. */
    @Test void everyClusterIsCheckedAgainstTheBarWithItsImages() {
        List<SegmentEntry> segs = new ArrayList<>();
        int id = 0;
        for (int i = 0; i < 10; i++) segs.add(segment(id++, Role.A, 0, 1.0, OFF));
        // cluster 0: two images of B's at 2% and 30% of A's mean (|attribution|, so the sign does not matter)
        for (int i = 0; i < 3; i++) segs.add(new SegmentEntry(id++, Role.B, "quiet", "c", "c", ConfusionOutcome.TP, 0, 1, OFF, OFF, 0.02, 0, Map.of(), 0, 0, "", List.of()));
        for (int i = 0; i < 3; i++) segs.add(new SegmentEntry(id++, Role.B, "loud", "c", "c", ConfusionOutcome.TP, 0, 1, OFF, OFF, -0.3, 0, Map.of(), 0, 0, "", List.of()));
        // cluster 1: 30 segments from six images at 1%
        for (int i = 0; i < 30; i++) segs.add(new SegmentEntry(id++, Role.B, "img" + i % 6, "c", "c", ConfusionOutcome.TP, 0, 1, OFF, OFF, 0.01, 0, Map.of(), 1, 0, "", List.of()));
        ImacsResult result = new ImacsResult(null, List.of(), segs, List.of(cluster(0, 0, segs, false), cluster(1, 1, segs, false)), List.of());
        ShortcutFindings f = ShortcutFindings.of(result, (i, b) -> false);
        assertTrue(f.meanAbsB() / f.meanAbsA() < ShortcutFindings.UNTRAINED_BAR, "overall B is " + f.meanAbsB() + ", below the bar");
        assertEquals(new ShortcutFindings.ClusterShare(0, 6, 2, 0.16), round(f.absB().get(0)), "(3 x 0.02 + 3 x 0.3) / 6");
        assertEquals(new ShortcutFindings.ClusterShare(1, 30, 6, 0.01), round(f.absB().get(1)));
        assertEquals(List.of(0), f.aboveBar().stream().map(ShortcutFindings.ClusterShare::id).toList());
        assertTrue(f.perClusterLine("A", "U").endsWith("above 10% in 1 of the 2 clusters with U's segments (cluster 0: 16.0%, 6 segments from 2 images)"), f.perClusterLine("A", "U"));
    }

    private static ShortcutFindings.ClusterShare round(ShortcutFindings.ClusterShare c) {
        return new ShortcutFindings.ClusterShare(c.id(), c.segments(), c.images(), Math.round(c.ratio() * 1e9) / 1e9);
    }
}
