package io.imacs.cli.attribute;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.image.PixelImage;
import org.junit.jupiter.api.Test;

class HeatMapTest {
    private static final PixelImage GREY = PixelImage.filled(10, 10, 0.5f);

    private static float[] rgb(PixelImage img, int x, int y) {
        return new float[] {img.get(0, y, x), img.get(1, y, x), img.get(2, y, x)};
    }

    @Test void divergingIsRedForPositiveBlueForNegativeNeutralAtZero() {
        double[] map = new double[100];
        for (int i = 0; i < 100; i++) map[i] = (i % 10) - 4.5;   // columns from -4.5 to 4.5
        map[5] = 0;
        PixelImage h = HeatMap.diverging(map, GREY, 1);
        float[] pos = rgb(h, 9, 1), neg = rgb(h, 0, 1), zero = rgb(h, 5, 0);
        assertTrue(pos[0] > pos[2] + 0.2, "positive is red");
        assertTrue(neg[2] > neg[0] + 0.2, "negative is blue");
        assertEquals(zero[0], zero[1], 1e-6);
        assertEquals(zero[1], zero[2], 1e-6);
        // stronger attribution, stronger colour
        float[] weak = rgb(h, 6, 1);
        assertTrue(pos[0] - pos[2] > weak[0] - weak[2]);
    }

    @Test void oneOutlierDoesNotWashOutTheScale() {
        double[] map = new double[100];
        for (int i = 0; i < 100; i++) map[i] = i < 50 ? 1 : 0;
        map[99] = 1e6;
        PixelImage h = HeatMap.diverging(map, GREY, 1);
        // clipped at the 99th percentile of |a| (= 1), a value of 1 gets the full colour, as the outlier does
        assertArrayEquals(rgb(h, 9, 9), rgb(h, 0, 0), 1e-6f);
    }

    @Test void sequentialIsMonotoneInBrightness() {
        double[] map = new double[100];
        for (int i = 0; i < 100; i++) map[i] = i;
        PixelImage h = HeatMap.sequential(map, GREY, 1);
        double last = -1;
        for (int i = 0; i < 100; i += 11) {
            float[] c = rgb(h, i % 10, i / 10);
            double luma = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
            assertTrue(luma > last, "pixel " + i);
            last = luma;
        }
    }

    @Test void zoomScalesWithNearestNeighbour() {
        double[] map = new double[100];
        map[0] = 1;
        PixelImage h = HeatMap.diverging(map, GREY, HeatMap.zoomFor(GREY, 256));
        assertEquals(260, h.width());
        assertArrayEquals(rgb(h, 0, 0), rgb(h, 25, 25), 0f);
        assertFalse(java.util.Arrays.equals(rgb(h, 0, 0), rgb(h, 26, 0)));
    }

    @Test void rejectsWrongSizeAndNaN() {
        assertThrows(IllegalArgumentException.class, () -> HeatMap.diverging(new double[99], GREY, 1));
        double[] nan = new double[100];
        nan[3] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> HeatMap.sequential(nan, GREY, 1));
    }
}
