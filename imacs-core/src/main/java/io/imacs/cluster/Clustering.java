package io.imacs.cluster;

/**
 * The cluster stage's output.
 *
 * @param assignment cluster id per point
 * @param distance   distance of each point to its cluster's centroid
 * @param centroids  one per cluster
 * @param inertia    sum of squared distances
 */
public record Clustering(int[] assignment, double[] distance, double[][] centroids, double inertia) {
    public int k() { return centroids.length; }
}
