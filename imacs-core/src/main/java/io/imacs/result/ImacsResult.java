package io.imacs.result;

import java.util.List;

/**
 * Everything one IMACS run produced: how it was made (the manifest) and the data the views show.
 * Serialised as {@code result.json}; documented in docs/result-format.md.
 *
 * @param clusterings the segments clustered with every other k from 2 to min(12, segments), in increasing k (empty in
 *                    results written before they existed); the run's own k is {@code segments[].cluster} and
 *                    {@code clusters}
 * @param findings    the clusters whose difference holds, in words, in the Concept view's order (empty when none holds, and
 *                    in results written before they existed)
 */
public record ImacsResult(RunManifest manifest, List<ImageEntry> images, List<SegmentEntry> segments,
                          List<ClusterSummary> clusters, List<AlternativeClustering> clusterings, List<Finding> findings) {
    public ImacsResult {
        images = List.copyOf(images);
        segments = List.copyOf(segments);
        clusters = List.copyOf(clusters);
        clusterings = clusterings == null ? List.of() : List.copyOf(clusterings);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** A result without findings. */
    public ImacsResult(RunManifest manifest, List<ImageEntry> images, List<SegmentEntry> segments,
                       List<ClusterSummary> clusters, List<AlternativeClustering> clusterings) {
        this(manifest, images, segments, clusters, clusterings, List.of());
    }
}
