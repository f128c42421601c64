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

    /**
     * A partition of {@code x} by {@code assignment} around {@code centres}, its clusters renumbered by their smallest
     * member index (so equal partitions read the same whoever found them), with each point's distance to its centroid.
     */
    public static Clustering of(double[][] x, int[] assignment, double[][] centres) {
        int k = centres.length;
        int[] newId = new int[k];
        java.util.Arrays.fill(newId, -1);
        int next = 0;
        for (int a : assignment) if (newId[a] < 0) newId[a] = next++;
        for (int c = 0; c < k; c++) if (newId[c] < 0) newId[c] = next++; // an empty cluster keeps a number
        int[] renumbered = new int[x.length];
        double[] distance = new double[x.length];
        double[][] centroids = new double[k][];
        for (int c = 0; c < k; c++) centroids[newId[c]] = centres[c];
        double inertia = 0;
        for (int i = 0; i < x.length; i++) {
            renumbered[i] = newId[assignment[i]];
            inertia += KMeans.squared(x[i], centres[assignment[i]]);
            distance[i] = Math.sqrt(KMeans.squared(x[i], centroids[renumbered[i]]));
        }
        return new Clustering(renumbered, distance, centroids, inertia);
    }
}
