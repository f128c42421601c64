package io.imacs.result;

import java.util.List;

/**
 * Everything one IMACS run produced: how it was made (the manifest) and the data the views show.
 * Serialised as {@code result.json}; documented in docs/result-format.md.
 */
public record ImacsResult(RunManifest manifest, List<ImageEntry> images, List<SegmentEntry> segments,
                          List<ClusterSummary> clusters) {
    public ImacsResult {
        images = List.copyOf(images);
        segments = List.copyOf(segments);
        clusters = List.copyOf(clusters);
    }
}
