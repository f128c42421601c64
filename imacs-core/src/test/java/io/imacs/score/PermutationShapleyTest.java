package io.imacs.score;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PermutationShapleyTest {
    // a non-additive 12-player game: weighted sum plus pairwise interactions plus a threshold
    private static double game(long mask, double[] w) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < w.length; i++) if ((mask & (1L << i)) != 0) { s += w[i]; n++; }
        double inter = ((mask & 3) == 3 ? 2.0 : 0) + ((mask & 0b1100) == 0b1100 ? -1.5 : 0);
        return s + inter + (n >= 6 ? 1.0 : 0) + 0.1 * s * s;
    }

    private static double maxError(int m, double[] w, int pairs, long seed, double[] exact) {
        PermutationShapley.Plan plan = PermutationShapley.plan(m, pairs, seed);
        Map<Long, Double> v = new HashMap<>();
        for (long mask : plan.coalitions()) v.put(mask, game(mask, w));
        PermutationShapley.Estimate e = PermutationShapley.estimate(plan, v);
        double sum = 0, err = 0;
        for (int i = 0; i < m; i++) { sum += e.values()[i]; err = Math.max(err, Math.abs(e.values()[i] - exact[i])); }
        assertEquals(game((1L << m) - 1, w) - game(0, w), sum, 1e-9, "efficiency holds for every sample");
        return err;
    }

    @Test void convergesToExactAsPermutationsGrow() {
        int m = 12;
        double[] w = new double[m];
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < m; i++) w[i] = r.nextDouble(-1, 2);
        double[] table = new double[1 << m];
        for (int mask = 0; mask < table.length; mask++) table[mask] = game(mask, w);
        double[] exact = ExactShapley.values(table, m);
        double few = 0, many = 0;
        for (long seed = 0; seed < 4; seed++) {
            few += maxError(m, w, 5, seed, exact);
            many += maxError(m, w, 1000, seed, exact);
        }
        assertTrue(many < few / 4, "error shrinks: " + few / 4 + " -> " + many / 4);
        assertTrue(many / 4 < 0.05, "close to exact with 2000 permutations: " + many / 4);
    }

    @Test void standardErrorMatchesActualError() {
        int m = 12;
        double[] w = new double[m];
        for (int i = 0; i < m; i++) w[i] = i % 3 - 0.5;
        double[] table = new double[1 << m];
        for (int mask = 0; mask < table.length; mask++) table[mask] = game(mask, w);
        double[] exact = ExactShapley.values(table, m);
        PermutationShapley.Plan plan = PermutationShapley.plan(m, 200, 5);
        Map<Long, Double> v = new HashMap<>();
        for (long mask : plan.coalitions()) v.put(mask, game(mask, w));
        PermutationShapley.Estimate e = PermutationShapley.estimate(plan, v);
        int within = 0;
        for (int i = 0; i < m; i++) if (Math.abs(e.values()[i] - exact[i]) <= 3 * e.standardError()[i] + 1e-12) within++;
        assertTrue(within >= m - 1, within + " of " + m + " players within 3 standard errors");
    }

    @Test void sameSeedSamePlan() {
        var a = PermutationShapley.plan(8, 10, 42);
        var b = PermutationShapley.plan(8, 10, 42);
        assertEquals(a.coalitions(), b.coalitions());
        for (int i = 0; i < a.orders().size(); i++) assertArrayEquals(a.orders().get(i), b.orders().get(i));
    }
}
