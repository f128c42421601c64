package io.imacs.segment;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.image.PixelImage;
import java.util.List;
import org.junit.jupiter.api.Test;

public class SuperpixelSegmenterTest {
    /** Four coloured quadrants with a little texture: a real segmenter must find the quadrant edges. */
    public static PixelImage quadrants(int w, int h) {
        float[] a = new float[3 * w * h];
        float[][] colours = {{0.9f, 0.1f, 0.1f}, {0.1f, 0.8f, 0.2f}, {0.1f, 0.2f, 0.9f}, {0.9f, 0.9f, 0.2f}};
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            float[] col = colours[(y < h / 2 ? 0 : 2) + (x < w / 2 ? 0 : 1)];
            for (int c = 0; c < 3; c++) a[c * w * h + y * w + x] = (float) (col[c] + r.nextDouble(-0.03, 0.03));
        }
        return new PixelImage(w, h, a);
    }

    static void assertPartition(List<Segment> segs, int w, int h) {
        int[] cover = new int[w * h];
        for (int k = 0; k < segs.size(); k++) {
            assertEquals(k, segs.get(k).index());
            for (int i = 0; i < cover.length; i++) if (segs.get(k).mask()[i]) cover[i]++;
        }
        for (int c : cover) assertEquals(1, c, "every pixel in exactly one segment");
    }

    @Test void slicCoversTheImageWithRoughlyNSegments() {
        PixelImage img = quadrants(64, 48);
        List<Segment> segs = new SlicSegmenter(24).segment(img);
        assertPartition(segs, 64, 48);
        assertTrue(segs.size() >= 4, "at least the four quadrants: " + segs.size());
        assertEquals(segs, new SlicSegmenter(24).segment(img), "deterministic");
        PixelImage texture = io.imacs.fixtures.TinyTanhNet.randomImage(64, 48, 1);
        List<Segment> many = new SlicSegmenter(100).segment(texture);
        assertPartition(many, 64, 48);
        assertTrue(many.size() >= 50 && many.size() <= 200, "roughly 100 segments: " + many.size());
        // no segment straddles the strong colour edge at x = 32
        for (Segment s : segs) {
            int left = 0, right = 0;
            for (int y = 0; y < 48; y++) for (int x = 0; x < 64; x++) if (s.mask()[y * 64 + x]) { if (x < 32) left++; else right++; }
            assertTrue(Math.min(left, right) <= 0.1 * s.area(), "segment " + s.index() + " mixes quadrants");
        }
    }

    @Test void felzenszwalbFindsTheFourQuadrants() {
        PixelImage img = quadrants(40, 40);
        // without smoothing the hard quadrant edges leave no transition bands
        List<Segment> segs = new FelzenszwalbSegmenter(100, 0, 20).segment(img);
        assertPartition(segs, 40, 40);
        assertEquals(4, segs.size(), "four uniform quadrants");
        assertEquals(segs, new FelzenszwalbSegmenter(100, 0, 20).segment(img), "deterministic");
        assertEquals(1, new FelzenszwalbSegmenter(1e5, 0.8, 20).segment(img).size(), "a huge scale merges everything");
        for (Segment s : segs) assertEquals(400, s.area(), 40);
    }

    /** The real flag where a command has one (--slic-segments); the parameter in words where none has (Felzenszwalb's). */
    @Test void badParametersNameTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SlicSegmenter(0)).getMessage().contains("`slicSegments`"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FelzenszwalbSegmenter(0, 1, 1)).getMessage().startsWith("Felzenszwalb scale"));
    }
}
