package io.imacs.summarize;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.result.MeanDifference;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MeanDifferenceResamplingTest {
    private static double[] normal(int n, double mean, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = mean + r.nextGaussian();
        return v;
    }

    @Test void clearDifferenceIsSignificantAndItsIntervalExcludesZero() {
        MeanDifference d = new MeanDifferenceResampling(2000, 1).test(normal(40, 1.5, 1), normal(50, 0, 2));
        assertEquals(1.0 / 2001, d.pValue(), 1e-12, "no relabelling is as extreme");
        assertTrue(d.low() > 0 && d.low() < d.estimate() && d.estimate() < d.high(), d.toString());
    }

    @Test void sameDistributionIsNotSignificant() {
        MeanDifference d = new MeanDifferenceResampling(2000, 1).test(normal(40, 0, 3), normal(50, 0, 4));
        assertTrue(d.pValue() > 0.05, d.toString());
        assertTrue(d.low() < 0 && d.high() > 0, d.toString());
    }

    /** Under the null hypothesis about 5% of tests reject at 0.05: the p-value is calibrated. */
    @Test void falsePositiveRateIsAboutAlpha() {
        int rejected = 0, trials = 200;
        for (int t = 0; t < trials; t++)
            if (new MeanDifferenceResampling(400, t).test(normal(15, 0, 1000 + t), normal(20, 0, 5000 + t)).pValue() <= 0.05) rejected++;
        assertTrue(rejected >= 2 && rejected <= 22, rejected + " of " + trials);
    }

    /**
     * Five segments per image share the image's effect (sd 1) plus their own noise (sd 0.3), and the two
     * models' images come from one distribution. Resampling images keeps the false-positive rate near
     * 5%; treating segments as independent (the test before issue 11) rejects far more often.
     */
    @Test void imagesAsUnitsAreCalibratedWhenSegmentsOfAnImageAreCorrelated() {
        int trials = 200, perImage = 5, rejectedByImage = 0, rejectedBySegment = 0;
        for (int t = 0; t < trials; t++) {
            Random r = new Random(10_000 + t);
            double[] a = new double[10 * perImage], b = new double[12 * perImage];
            String[] ua = new String[a.length], ub = new String[b.length];
            for (double[] side : List.of(a, b)) {
                String[] units = side == a ? ua : ub;
                double effect = 0;
                for (int i = 0; i < side.length; i++) {
                    if (i % perImage == 0) effect = r.nextGaussian();
                    side[i] = effect + 0.3 * r.nextGaussian();
                    units[i] = "img" + i / perImage; // the same names on both sides are still different units
                }
            }
            MeanDifferenceResampling test = new MeanDifferenceResampling(400, t);
            if (test.test(a, ua, List.of(), b, ub, List.of()).pValue() <= 0.05) rejectedByImage++;
            if (test.test(a, b).pValue() <= 0.05) rejectedBySegment++;
        }
        assertTrue(rejectedByImage >= 2 && rejectedByImage <= 22, rejectedByImage + " of " + trials + " rejected by images");
        assertTrue(rejectedBySegment > 3 * rejectedByImage, rejectedBySegment + " rejected by segments vs " + rejectedByImage + " by images");
    }

    /** The bootstrap interval of image units is wider than the segment one when segments are correlated. */
    @Test void unitsWidenTheIntervalAndKeepTheEstimate() {
        double[] a = {1, 1.1, 0.9, 3, 3.1, 2.9}, b = {0, 0.1, -0.1, 0.2, 0.1, 0};
        String[] ua = {"x", "x", "x", "y", "y", "y"}, ub = {"p", "p", "p", "q", "q", "q"};
        MeanDifference segments = new MeanDifferenceResampling(2000, 3).test(a, b), images = new MeanDifferenceResampling(2000, 3).test(a, ua, List.of(), b, ub, List.of());
        assertEquals(segments.estimate(), images.estimate(), 1e-12);
        assertTrue(images.high() - images.low() > segments.high() - segments.low(), images + " vs " + segments);
        assertTrue(images.pValue() > segments.pValue(), images + " vs " + segments);
    }

    @Test void seededAndNullForAnEmptySide() {
        double[] a = normal(10, 0.3, 7), b = normal(12, 0, 8);
        assertEquals(new MeanDifferenceResampling(500, 9).test(a, b), new MeanDifferenceResampling(500, 9).test(a, b));
        assertNull(new MeanDifferenceResampling(500, 9).test(a, new double[0]));
    }

    /**
     * One cluster of many: each of 40 images per model puts a segment here with probability {@code pA} or
     * {@code pB}, valued around {@code muA} or {@code muB}. Returns the values, their images and every image.
     */
    private record Side(double[] values, String[] units, List<String> all) {
        static Side draw(Random r, String model, double p, double mu) {
            List<Double> v = new java.util.ArrayList<>();
            List<String> u = new java.util.ArrayList<>(), all = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                all.add(model + i);
                if (r.nextDouble() < p) for (int s = 0; s < 2; s++) { v.add(mu + 0.5 * r.nextGaussian()); u.add(model + i); }
            }
            return new Side(v.stream().mapToDouble(Double::doubleValue).toArray(), u.toArray(String[]::new), all);
        }
    }

    /** With every explained image a unit (also those without a segment here), the test stays calibrated. */
    @Test void everyExplainedImageAsAUnitIsCalibrated() {
        int trials = 200, rejected = 0;
        for (int t = 0; t < trials; t++) {
            Random r = new Random(20_000 + t);
            Side a = Side.draw(r, "a", 0.2, 1.0), b = Side.draw(r, "b", 0.2, 1.0);
            MeanDifference d = new MeanDifferenceResampling(400, t).test(a.values, a.units, a.all, b.values, b.units, b.all);
            if (d.pValue() <= 0.05) rejected++;
        }
        assertTrue(rejected >= 2 && rejected <= 22, rejected + " of " + trials);
    }

    /**
     * A concept B relies on (17 of 40 images, value 2.3) and A picks once (one image, value -0.2): counting only
     * the images with segments here, one unit of A's allows about 18 distinct relabellings and p cannot go below
     * 0.05; counting every image each model explained, the difference holds.
     */
    @Test void aConceptOneModelRarelyPicksHoldsWhenEveryExplainedImageCounts() {
        Random r = new Random(5);
        Side b = Side.draw(r, "b", 17 / 40.0, 2.3);
        double[] a = {-0.2, -0.19};
        String[] ua = {"a0", "a0"};
        List<String> allA = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "a" + i).toList();
        MeanDifferenceResampling test = new MeanDifferenceResampling(2000, 1);
        MeanDifference withSegments = test.test(a, ua, List.of(), b.values, b.units, List.of()), everyImage = test.test(a, ua, allA, b.values, b.units, b.all);
        assertEquals(withSegments.estimate(), everyImage.estimate(), 1e-12, "the statistic is the same difference of segment means");
        assertTrue(withSegments.pValue() > 0.05, withSegments.toString());
        assertTrue(everyImage.pValue() <= 0.01, everyImage.toString());
        // a side without a segment here has mean 0, as the views show it
        MeanDifference none = test.test(new double[0], new String[0], allA, b.values, b.units, b.all);
        assertEquals(-java.util.Arrays.stream(b.values).average().orElseThrow(), none.estimate(), 1e-12);
        assertTrue(none.pValue() <= 0.01, none.toString());
        assertNull(test.test(new double[0], new String[0], allA, new double[0], new String[0], b.all));
    }
}
