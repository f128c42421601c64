package io.imacs.summarize;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.model.Role;
import io.imacs.result.ClusterLabel;
import io.imacs.result.ClusterSummary;
import io.imacs.result.Finding;
import io.imacs.result.MeanDifference;
import io.imacs.result.SegmentEntry;
import io.imacs.sample.ConfusionOutcome;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingWriterTest {
    private static Map<Role, Map<ConfusionOutcome, Integer>> fp(int a, int b) {
        Map<Role, Map<ConfusionOutcome, Integer>> o = new HashMap<>();
        for (var e : Map.of(Role.A, a, Role.B, b).entrySet()) {
            Map<ConfusionOutcome, Integer> m = new EnumMap<>(ConfusionOutcome.class);
            m.put(ConfusionOutcome.FP, e.getValue());
            o.put(e.getKey(), m);
        }
        return o;
    }

    private static Map<Role, Double> means(Double a, Double b) {
        Map<Role, Double> m = new HashMap<>();
        m.put(Role.A, a);
        m.put(Role.B, b);
        return m;
    }

    private static SegmentEntry segment(int id, Role model, int cluster, double distance) {
        return new SegmentEntry(id, model, "img" + id, "c", "c", ConfusionOutcome.FP, 0, 1, null, null, 0, 0, Map.of(), cluster, distance, "", List.of());
    }

    @Test void oneSentencePerClusterWhoseDifferenceHoldsInTheConceptViewsOrder() {
        ClusterLabel watermark = new ClusterLabel("watermark", null, 1.0, 0.09, 0.2, false);
        List<ClusterSummary> clusters = List.of(
            // cluster 0, second in order: A above B, holds, no label, B has no segment here
            new ClusterSummary(0, 1, 5, Map.of(Role.A, 5, Role.B, 0), means(0.4, null), null, Map.of(), fp(1, 0),
                new MeanDifference(0.4, 0.1, 0.7, 0.15, 0.018, 2000)),
            // cluster 1, first: B above A, holds, labelled; 15 of B's 19 FP segments
            new ClusterSummary(1, 0, 30, Map.of(Role.A, 10, Role.B, 20), means(0.82, 1.38), -0.56, Map.of(), fp(2, 15),
                new MeanDifference(-0.56, -0.99, -0.15, 0.2, 1 / 2001.0, 2000), watermark),
            // cluster 2: could be chance
            new ClusterSummary(2, 2, 8, Map.of(Role.A, 4, Role.B, 4), means(0.1, 0.2), -0.1, Map.of(), fp(0, 4),
                new MeanDifference(-0.1, -0.3, 0.1, 0.1, 0.4, 2000)));
        List<SegmentEntry> segs = new ArrayList<>();
        for (int i = 0; i < 8; i++) segs.add(segment(i, Role.B, 1, 8 - i));   // the closest to the centre last
        segs.add(segment(8, Role.A, 1, 0));
        List<Finding> f = FindingWriter.findings(clusters, segs);
        assertEquals(2, f.size());
        assertEquals("B relies more than A on cluster 1 (watermark 100%, at most 9% elsewhere): mean +1.38 vs +0.82, B-A +0.56 [0.15, 0.99], "
            + "p = 0.0005; 15 of B's 19 FP segments are here.", f.get(0).text());
        assertEquals(List.of(7, 6, 5, 4, 3, 2), f.get(0).tiles(), "B's six segments closest to the centre, A's left out");
        assertEquals(watermark, f.get(0).label());
        assertEquals("A relies more than B on cluster 0: mean +0.40 vs none (no segment here), A-B +0.40 [0.10, 0.70], p = 0.018; "
            + "1 of A's 3 FP segments are here.", f.get(1).text());
        assertNull(f.get(1).meanLess());
        assertEquals(List.of(), f.get(1).tiles());
    }

    @Test void nothingHoldsGivesNoFindings() {
        List<ClusterSummary> clusters = List.of(new ClusterSummary(0, 0, 8, Map.of(Role.A, 4, Role.B, 4), means(0.1, 0.2), -0.1, Map.of(), fp(0, 0),
            new MeanDifference(-0.1, -0.3, 0.1, 0.1, 0.051, 2000)));
        assertEquals(List.of(), FindingWriter.findings(clusters, List.of()));
        assertTrue(FindingWriter.NONE.startsWith("No cluster's difference between A and B holds"), FindingWriter.NONE);
    }

    @Test void pValuesWithTwoSignificantDigits() {
        assertEquals("0.018", FindingWriter.p(0.018));
        assertEquals("0.0005", FindingWriter.p(1 / 2001.0));
        assertEquals("0.05", FindingWriter.p(0.05));
    }
}
