package io.imacs.image;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ResizeTest {
    private static PixelImage random(int w, int h, long seed) {
        Random r = new Random(seed);
        float[] a = new float[3 * w * h];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
        return new PixelImage(w, h, a);
    }

    /** The adjoint satisfies <R x, y> = <x, R^T y>, which makes gradients through a resize exact. */
    @Test void adjointIsTheTranspose() {
        for (int[] s : new int[][] {{48, 40, 32, 32}, {20, 20, 37, 29}, {32, 32, 32, 32}}) {
            PixelImage x = random(s[0], s[1], 1);
            PixelImage y = random(s[2], s[3], 2);
            float[] rx = Resize.bilinear(x, s[2], s[3]).chw();
            float[] rty = Resize.bilinearAdjoint(y.chw(), s[2], s[3], s[0], s[1]);
            double lhs = 0, rhs = 0;
            for (int i = 0; i < rx.length; i++) lhs += (double) rx[i] * y.chw()[i];
            for (int i = 0; i < rty.length; i++) rhs += (double) x.chw()[i] * rty[i];
            assertEquals(lhs, rhs, 1e-6 * Math.abs(lhs));
        }
    }

    @Test void constantStaysConstant() {
        PixelImage c = PixelImage.filled(17, 9, 0.25f);
        for (float v : Resize.bilinear(c, 40, 33).chw()) assertEquals(0.25f, v, 1e-6);
    }
}
