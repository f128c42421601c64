package io.imacs.model;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.image.PixelImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one definition of preprocessing every adapter shares: layouts, channel order, scale, mean/std, resize. */
class PreprocessorTest {
    private static PixelImage random(int w, int h, long seed) {
        Random r = new Random(seed);
        float[] a = new float[3 * w * h];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
        return new PixelImage(w, h, a);
    }

    private static ModelSpec spec(String layout, String order, double scale, int h, int w) {
        return new ModelSpec(List.of(h, w), layout, order, scale, List.of(10.0, 20.0, 30.0), List.of(2.0, 4.0, 8.0),
            List.of("x"), null, null, null, null).validated("test");
    }

    @Test void nhwcBgrTwoHundredFiftyFive() {
        PixelImage img = random(3, 2, 1);
        float[] in = new Preprocessor(spec("NHWC", "BGR", 255, 2, 3)).toInput(List.of(img));
        assertEquals(18, in.length);
        for (int y = 0; y < 2; y++)
            for (int x = 0; x < 3; x++)
                for (int c = 0; c < 3; c++) {
                    // model channel c is pixel channel 2 - c (BGR); mean/std are in the model's order
                    double want = (img.get(2 - c, y, x) * 255 - new double[] {10, 20, 30}[c]) / new double[] {2, 4, 8}[c];
                    assertEquals(want, in[(y * 3 + x) * 3 + c], 1e-4);
                }
        assertArrayEquals(new long[] {1, 2, 3, 3}, new Preprocessor(spec("NHWC", "BGR", 255, 2, 3)).shape(1));
    }

    @Test void nchwRgbUnit() {
        PixelImage img = random(4, 4, 2);
        float[] in = new Preprocessor(spec("NCHW", "RGB", 1, 4, 4)).toInput(List.of(img, img));
        assertEquals(2 * 48, in.length);
        assertEquals((img.get(1, 2, 3) - 20) / 4.0, in[48 + 16 + 2 * 4 + 3], 1e-5);
    }

    /** The gradient map is the exact transpose of the input map's linear part, through layout, order and resize. */
    @Test void gradientIsTheAdjoint() {
        for (String layout : List.of("NCHW", "NHWC"))
            for (String order : List.of("RGB", "BGR")) {
                Preprocessor p = new Preprocessor(spec(layout, order, 255, 5, 7));
                PixelImage x = random(9, 6, 3), zero = PixelImage.filled(9, 6, 0);
                float[] px = p.toInput(List.of(x)), p0 = p.toInput(List.of(zero));
                Random r = new Random(4);
                float[] g = new float[px.length];
                for (int i = 0; i < g.length; i++) g[i] = r.nextFloat() - 0.5f;
                double lhs = 0, rhs = 0;
                for (int i = 0; i < px.length; i++) lhs += (px[i] - p0[i]) * (double) g[i];   // <L x, g>, L = the linear part
                float[] back = p.toPixelGradient(g, 0, x);
                for (int i = 0; i < back.length; i++) rhs += x.chw()[i] * (double) back[i]; // <x, L^T g>
                assertEquals(lhs, rhs, 1e-3 * Math.abs(lhs), layout + " " + order);
            }
    }

    @Test void neutralPixelMapsToZeroInput() {
        Preprocessor p = new Preprocessor(new ModelSpec(List.of(2, 2), "NCHW", "BGR", 255.0, List.of(104.0, 117.0, 123.0),
            List.of(1.0, 1.0, 1.0), List.of("x"), null, null, null, null));
        float[] n = p.neutralPixel();
        float[] rgb = new float[12];
        for (int c = 0; c < 3; c++) java.util.Arrays.fill(rgb, c * 4, c * 4 + 4, n[c]);
        for (float v : p.toInput(List.of(new PixelImage(2, 2, rgb)))) assertEquals(0, v, 1e-4);
    }
}
