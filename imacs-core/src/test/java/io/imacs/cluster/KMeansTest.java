package io.imacs.cluster;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.junit.jupiter.api.Test;

class KMeansTest {
    /** {@code perBlob} Gaussian points around each of {@code centres} with standard deviation {@code sd}. */
    static double[][] blobs(double[][] centres, int perBlob, double sd, long seed) {
        Random r = new Random(seed);
        double[][] out = new double[centres.length * perBlob][];
        for (int b = 0; b < centres.length; b++)
            for (int i = 0; i < perBlob; i++) {
                double[] v = centres[b].clone();
                for (int d = 0; d < v.length; d++) v[d] += sd * r.nextGaussian();
                out[b * perBlob + i] = v;
            }
        return out;
    }

    /** {@code k} random centres in {@code dim} dimensions, uniform in [0, spread)^dim. */
    static double[][] centres(int k, int dim, double spread, long seed) {
        Random r = new Random(seed);
        double[][] c = new double[k][dim];
        for (double[] row : c) for (int d = 0; d < dim; d++) row[d] = spread * r.nextDouble();
        return c;
    }

    static double inertia(double[][] x, int[] assignment, int k) {
        double[][] m = KMeans.means(x, assignment.clone(), new double[x.length], k);
        double s = 0;
        for (int i = 0; i < x.length; i++) s += KMeans.squared(x[i], m[assignment[i]]);
        return s;
    }

    @Test void recoversWellSeparatedBlobsExactly() {
        for (long seed = 0; seed < 5; seed++) {
            int k = 6, per = 40;
            double[][] x = blobs(centres(k, 5, 100, seed), per, 1.0, seed + 100);
            Clustering c = KMeans.of(k, 10, seed).fit(x);
            for (int b = 0; b < k; b++)
                for (int i = 1; i < per; i++) assertEquals(c.assignment()[b * per], c.assignment()[b * per + i], "seed " + seed + ": blob " + b + " split");
            assertEquals(k, java.util.Arrays.stream(c.assignment()).distinct().count(), "seed " + seed + ": two blobs merged");
            // ids follow the smallest member index
            for (int b = 0; b < k; b++) assertEquals(b, c.assignment()[b * per]);
        }
    }

    /** Overlapping blobs, where restarts matter: 10 restarts come within 0.5% of the best of 200 up to the blob count. */
    @Test void tenRestartsReachTheBestOfTwoHundred() {
        for (long seed = 0; seed < 4; seed++) {
            double[][] x = blobs(centres(8, 6, 6, seed), 60, 1.0, seed + 7);
            for (int k : new int[] {3, 5, 8, 12}) {
                double ten = KMeans.of(k, 10, seed).fit(x).inertia();
                double best = KMeans.of(k, 200, seed + 1000).fit(x).inertia();
                // k beyond the 8 blobs splits them, with many near-equal minima: there 1% (measured up to 0.53%)
                double slack = k <= 8 ? 1.005 : 1.01;
                assertTrue(ten <= slack * best, "seed " + seed + " k " + k + ": inertia " + ten + " vs best of 200 " + best);
            }
        }
    }

    /** The result is a Lloyd fixed point: every point sits in its nearest centroid, the centroids are the means. */
    @Test void resultIsAConvergedPartition() {
        double[][] x = blobs(centres(5, 4, 5, 3), 50, 1.0, 4);
        Clustering c = KMeans.of(5, 10, 1).fit(x);
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double own = KMeans.squared(x[i], c.centroids()[c.assignment()[i]]);
            assertEquals(Math.sqrt(own), c.distance()[i], 1e-12);
            for (double[] other : c.centroids()) assertTrue(own <= KMeans.squared(x[i], other) + 1e-9, "point " + i + " is nearer another centroid");
            total += own;
        }
        assertEquals(total, c.inertia(), 1e-9 * total);
        assertEquals(inertia(x, c.assignment(), 5), c.inertia(), 1e-9 * total);
    }

    /** A standard implementation (Commons Math's single k-means++ run, best of 50 by inertia) does no better. */
    @Test void asGoodAsTheBestOfManyCommonsMathRuns() {
        double[][] x = blobs(centres(7, 6, 6, 11), 60, 1.0, 12);
        List<DoublePoint> points = new ArrayList<>();
        for (double[] v : x) points.add(new DoublePoint(v));
        int k = 7;
        JDKRandomGenerator rnd = new JDKRandomGenerator();
        rnd.setSeed(5);
        KMeansPlusPlusClusterer<DoublePoint> cm = new KMeansPlusPlusClusterer<>(k, 300, new org.apache.commons.math3.ml.distance.EuclideanDistance(), rnd);
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < 50; r++) {
            double s = 0;
            for (CentroidCluster<DoublePoint> cl : cm.cluster(points))
                for (DoublePoint p : cl.getPoints()) s += KMeans.squared(p.getPoint(), cl.getCenter().getPoint());
            best = Math.min(best, s);
        }
        double ours = KMeans.of(k, 10, 0).fit(x).inertia();
        assertTrue(ours <= 1.01 * best, "inertia " + ours + " vs Commons Math's best of 50 " + best);
    }

    @Test void sameSeedSameClusters() {
        double[][] x = blobs(centres(4, 3, 4, 7), 20, 1.0, 8);
        Clustering a = KMeans.of(4, 3, 9).fit(x), b = KMeans.of(4, 3, 9).fit(x);
        assertArrayEquals(a.assignment(), b.assignment());
        assertArrayEquals(a.distance(), b.distance());
        assertEquals(a.inertia(), b.inertia());
    }

    @Test void duplicatePointsStillGiveKClusters() {
        double[][] x = new double[10][];
        for (int i = 0; i < 10; i++) x[i] = new double[] {i < 8 ? 0 : 1, 0};
        Clustering c = KMeans.of(3, 2, 0).fit(x);
        assertEquals(3, java.util.Arrays.stream(c.assignment()).distinct().count());
    }

    @Test void tooFewPointsIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KMeans.of(5, 1, 0).fit(new double[3][2]));
        assertTrue(e.getMessage().contains("`clusters` 5"), e.getMessage());
    }

    @Test void embeddingNormKeepsOrRemovesLength() {
        float[] v = {3, 4};
        assertArrayEquals(new double[] {3, 4}, EmbeddingNorm.NONE.apply(v));
        assertArrayEquals(new double[] {0.6, 0.8}, EmbeddingNorm.L2.apply(v), 1e-12);
        assertArrayEquals(new double[] {0, 0}, EmbeddingNorm.L2.apply(new float[2]));
        assertEquals(EmbeddingNorm.L2, EmbeddingNorm.parse("L2"));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingNorm.parse("cosine"));
    }

    @Test void sweepHoldsEveryKAndTheRunsOwn() {
        double[][] x = blobs(centres(3, 3, 10, 2), 10, 1.0, 3);
        var sweep = new ClusterSweep(15, 2, 4).fit(x, () -> {});
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15), List.copyOf(sweep.keySet()));
        // each k is exactly what --clusters k would run
        assertArrayEquals(KMeans.of(7, 2, 4).fit(x).assignment(), sweep.get(7).assignment());
        assertEquals(List.of(2, 3), List.copyOf(new ClusterSweep(2, 2, 4).fit(new double[][] {{0}, {1}, {2}}, () -> {}).keySet()));
    }
}
