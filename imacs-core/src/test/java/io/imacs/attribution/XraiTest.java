package io.imacs.attribution;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.fixtures.TinyTanhNet;
import io.imacs.image.PixelImage;
import io.imacs.segment.GridSegmenter;
import io.imacs.segment.Segment;
import io.imacs.segment.SlicSegmenter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class XraiTest {
    private static double[] randomAttr(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextDouble(-1, 1) + (i % 17 == 0 ? 3 : 0);
        return a;
    }

    private static List<boolean[]> masks(List<Segment> segs) {
        List<boolean[]> out = new ArrayList<>();
        for (Segment s : segs) out.add(s.mask());
        return out;
    }

    /** The axioms of XRAI's output: conserved, constant per region, ranks ordered by gain, starting at 1. */
    private static void assertXraiOutput(Xrai.Result r, double[] attr) {
        int[] seen = new int[attr.length];
        double prevGain = Double.POSITIVE_INFINITY;
        for (int k = 0; k < r.regions().size(); k++) {
            boolean[] m = r.regions().get(k);
            double sum = 0, xraiSum = 0;
            int n = 0;
            for (int i = 0; i < m.length; i++) if (m[i]) {
                seen[i]++;
                n++;
                sum += attr[i];
                xraiSum += r.map()[i];
                assertEquals(r.gains()[k], r.map()[i], 1e-12, "constant within a region");
                assertEquals(k + 1, r.ranks()[i]);
            }
            assertTrue(n > 0);
            assertEquals(sum, xraiSum, 1e-9, "attribution conserved in region " + k);
            if (k < r.regions().size() - 1 || r.gains()[k] <= prevGain)   // the uncovered rest may come last regardless
                assertTrue(r.gains()[k] <= prevGain + 1e-12, "ranks follow gain");
            prevGain = r.gains()[k];
        }
        for (int c : seen) assertEquals(1, c, "regions partition the image");
        assertEquals(1, java.util.Arrays.stream(r.ranks()).min().getAsInt());
    }

    @Test void gridRegionsFullAndFast() {
        PixelImage img = TinyTanhNet.randomImage(16, 16, 1);
        double[] attr = randomAttr(256, 2);
        List<Segment> grid = new GridSegmenter(4).segment(img);
        for (Xrai.Mode mode : Xrai.Mode.values()) {
            Xrai.Result r = new Xrai(mode, 1.0, 1).rank(attr, masks(grid));
            assertXraiOutput(r, attr);
            assertEquals(16, r.regions().size());
            // disjoint equal-area cells: the best region is the one with the largest mass
            double best = Double.NEGATIVE_INFINITY;
            int bestCell = -1;
            for (Segment s : grid) {
                double m = 0;
                for (int i = 0; i < 256; i++) if (s.mask()[i]) m += attr[i];
                if (m > best) { best = m; bestCell = s.index(); }
            }
            assertArrayEquals(grid.get(bestCell).mask(), r.regions().get(0));
        }
    }

    @Test void overlappingFelzenszwalbRegionsGiveAConservedPartition() {
        PixelImage img = io.imacs.segment.SuperpixelSegmenterTest.quadrants(48, 40);
        List<boolean[]> regions = Xrai.felzenszwalbRegions(img);
        assertTrue(regions.size() >= 6, "at least one region per scale: " + regions.size());
        double[] attr = randomAttr(48 * 40, 5);
        for (Xrai.Mode mode : Xrai.Mode.values()) assertXraiOutput(Xrai.referenceDefaults().rank(attr, regions), attr);
        assertXraiOutput(new Xrai(Xrai.Mode.FULL, 0.3, 50).rank(attr, regions), attr);
    }

    @Test void slicRegionsFromChannelAttribution() {
        PixelImage img = TinyTanhNet.randomImage(24, 24, 3);
        List<Segment> slic = new SlicSegmenter(16).segment(img);
        SplittableRandom r = new SplittableRandom(1);
        float[] chw = new float[3 * 576];
        for (int i = 0; i < chw.length; i++) chw[i] = (float) r.nextDouble(-1, 1);
        Xrai.Result res = new Xrai(Xrai.Mode.FULL, 1, 1).explain(chw, 576, masks(slic));
        assertXraiOutput(res, ChannelReduction.MAX.reduce(chw, 576));
    }

    @Test void dilationIsADisk() {
        boolean[] m = new boolean[121];
        m[60] = true;   // centre of 11x11
        boolean[] d = Xrai.dilate(m, 11, 11, 5);
        int n = 0;
        for (boolean b : d) if (b) n++;
        assertEquals(81, n, "lattice points with x^2 + y^2 <= 25");
    }
}
