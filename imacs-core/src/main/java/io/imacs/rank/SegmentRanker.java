package io.imacs.rank;

import java.util.List;

/**
 * Ranks the segments of images by importance for one model (paper: XRAI over Guided IG).
 * Implementations hold their model; calls are batched across requests.
 */
public interface SegmentRanker {
    /** One score per segment of each request (index = segment index); higher is more important. */
    List<double[]> rank(List<RankRequest> requests);

    /** Method and parameters, for the manifest and cache keys, e.g. "xrai-gig steps=32 fraction=0.25 max_dist=0.02". */
    String describe();

    /** Indices of the {@code m} highest-scoring segments, best first; ties go to the lower index. */
    static int[] top(double[] scores, int m) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(scores[b], scores[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int n = Math.min(m, idx.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = idx[i];
        return out;
    }
}
