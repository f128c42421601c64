package io.imacs.score;

import static org.junit.jupiter.api.Assertions.*;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class ExactShapleyTest {
    private static double relu(double v) { return Math.max(0, v); }

    // spec section 6: f(x) = relu(s - 10) + 3*relu(s + 1) - 1, s = sum(x)
    private static final ToDoubleFunction<double[]> F = x -> {
        double s = 0;
        for (double v : x) s += v;
        return relu(s - 10) + 3 * relu(s + 1) - 1;
    };

    @Test void referenceValuesPerFeature() {
        double[] phi = ExactShapley.forFeatures(F, new double[] {20, 50, 30}, new double[3], new int[][] {{0}, {1}, {2}});
        assertArrayEquals(new double[] {76.667, 196.667, 116.667}, phi, 1e-3);
        assertEquals(390, phi[0] + phi[1] + phi[2], 1e-9);  // f(x) - f(0) = 392 - 2
    }

    @Test void groupedFeaturesShareTheirGroupsValue() {
        double[] phi = ExactShapley.forFeatures(F, new double[] {20, 50, 30}, new double[3], new int[][] {{0, 1}, {2}});
        assertArrayEquals(new double[] {275, 275, 115}, phi, 1e-9);
    }

    @Test void axiomsOnARandomGame() {
        int m = 6;
        double[] v = new double[1 << m];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 1; i < v.length; i++) v[i] = r.nextDouble(-1, 1);
        v[0] = 0.25;
        // player 5 is a dummy: it never changes the value
        for (int mask = 0; mask < v.length; mask++) if ((mask & 32) != 0) v[mask] = v[mask & ~32];
        double[] phi = ExactShapley.values(v, m);
        double sum = 0;
        for (double p : phi) sum += p;
        assertEquals(v[v.length - 1] - v[0], sum, 1e-12, "efficiency");
        assertEquals(0, phi[5], 1e-12, "dummy player");
    }

    @Test void additiveGameGivesEachPlayerItsOwnContribution() {
        double[] w = {1.5, -2, 0.5, 4};
        double[] v = new double[16];
        for (int mask = 0; mask < 16; mask++) for (int i = 0; i < 4; i++) if ((mask & (1 << i)) != 0) v[mask] += w[i];
        assertArrayEquals(w, ExactShapley.values(v, 4), 1e-12);
    }

    @Test void rejectsWrongTableSize() {
        assertThrows(IllegalArgumentException.class, () -> ExactShapley.values(new double[7], 3));
    }
}
