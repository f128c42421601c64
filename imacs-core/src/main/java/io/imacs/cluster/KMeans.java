package io.imacs.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.clustering.MultiKMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

/**
 * The cluster stage: k-means++ with restarts (Commons Math) on L2-normalised embeddings, seeded.
 * Clusters are numbered by their smallest member index so ids do not depend on the library's order.
 */
public record KMeans(int k, int restarts, int maxIterations, long seed) {

    public KMeans {
        if (k < 1) throw new IllegalArgumentException("--clusters must be at least 1, got " + k);
        if (restarts < 1) throw new IllegalArgumentException("restarts must be at least 1");
    }

    public Clustering fit(float[][] embeddings) {
        if (embeddings.length < k)
            throw new IllegalArgumentException("--clusters " + k + " is more than the " + embeddings.length
                + " segments to cluster; lower --clusters or sample more images");
        List<Point> points = new ArrayList<>(embeddings.length);
        for (int i = 0; i < embeddings.length; i++) points.add(new Point(i, normalise(embeddings[i])));
        JDKRandomGenerator rnd = new JDKRandomGenerator();
        rnd.setSeed(seed);
        var single = new KMeansPlusPlusClusterer<Point>(k, maxIterations, new EuclideanDistance(), rnd,
            KMeansPlusPlusClusterer.EmptyClusterStrategy.LARGEST_POINTS_NUMBER);
        List<CentroidCluster<Point>> clusters = new MultiKMeansPlusPlusClusterer<>(single, restarts).cluster(points);
        clusters.sort((a, b) -> Integer.compare(minIndex(a), minIndex(b)));
        int[] assignment = new int[points.size()];
        double[] distance = new double[points.size()];
        double[][] centroids = new double[clusters.size()][];
        double inertia = 0;
        for (int c = 0; c < clusters.size(); c++) {
            centroids[c] = clusters.get(c).getCenter().getPoint();
            for (Point p : clusters.get(c).getPoints()) {
                assignment[p.index] = c;
                distance[p.index] = Math.sqrt(squared(p.values, centroids[c]));
                inertia += distance[p.index] * distance[p.index];
            }
        }
        return new Clustering(assignment, distance, centroids, inertia);
    }

    /** The vector scaled to unit length (zero stays zero): k-means here compares directions, not magnitudes. */
    public static double[] normalise(float[] v) {
        double n = 0;
        for (float x : v) n += (double) x * x;
        n = Math.sqrt(n);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = n > 0 ? v[i] / n : 0;
        return out;
    }

    private static double squared(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s;
    }

    private static int minIndex(CentroidCluster<Point> c) {
        return c.getPoints().stream().mapToInt(p -> p.index).min().orElse(Integer.MAX_VALUE);
    }

    private record Point(int index, double[] values) implements Clusterable {
        @Override public double[] getPoint() { return values; }
    }
}
