package io.imacs.result;

import java.util.List;

/**
 * The segments clustered with another k than the run's, exactly as {@code --clusters k} would cluster them (same
 * k-means, restarts and seed, same summaries and difference tests). The report switches to these instead of
 * clustering in the page.
 *
 * @param k        clusters
 * @param inertia  within-cluster sum of squared distances in the clustered space
 * @param cluster  cluster id per segment, in the order of {@link ImacsResult#segments()}
 * @param distance distance of each segment to its cluster's centroid, same order
 * @param clusters the per-cluster summaries, as {@link ImacsResult#clusters()} for the run's k
 */
public record AlternativeClustering(int k, double inertia, List<Integer> cluster, List<Double> distance, List<ClusterSummary> clusters) {
    public AlternativeClustering {
        cluster = List.copyOf(cluster);
        distance = List.copyOf(distance);
        clusters = List.copyOf(clusters);
    }
}
