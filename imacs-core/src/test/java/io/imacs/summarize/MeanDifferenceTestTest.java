package io.imacs.summarize;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.result.MeanDifference;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MeanDifferenceTestTest {
    private static double[] normal(int n, double mean, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = mean + r.nextGaussian();
        return v;
    }

    @Test void clearDifferenceIsSignificantAndItsIntervalExcludesZero() {
        MeanDifference d = new MeanDifferenceTest(2000, 1).test(normal(40, 1.5, 1), normal(50, 0, 2));
        assertEquals(1.0 / 2001, d.pValue(), 1e-12, "no relabelling is as extreme");
        assertTrue(d.low() > 0 && d.low() < d.estimate() && d.estimate() < d.high(), d.toString());
    }

    @Test void sameDistributionIsNotSignificant() {
        MeanDifference d = new MeanDifferenceTest(2000, 1).test(normal(40, 0, 3), normal(50, 0, 4));
        assertTrue(d.pValue() > 0.05, d.toString());
        assertTrue(d.low() < 0 && d.high() > 0, d.toString());
    }

    /** Under the null hypothesis about 5% of tests reject at 0.05: the p-value is calibrated. */
    @Test void falsePositiveRateIsAboutAlpha() {
        int rejected = 0, trials = 200;
        for (int t = 0; t < trials; t++)
            if (new MeanDifferenceTest(400, t).test(normal(15, 0, 1000 + t), normal(20, 0, 5000 + t)).pValue() <= 0.05) rejected++;
        assertTrue(rejected >= 2 && rejected <= 22, rejected + " of " + trials);
    }

    @Test void seededAndNullForAnEmptySide() {
        double[] a = normal(10, 0.3, 7), b = normal(12, 0, 8);
        assertEquals(new MeanDifferenceTest(500, 9).test(a, b), new MeanDifferenceTest(500, 9).test(a, b));
        assertNull(new MeanDifferenceTest(500, 9).test(a, new double[0]));
    }
}
