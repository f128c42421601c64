package io.imacs.rank;

import java.util.List;

/**
 * Ranks the segments of images by importance for one model (paper: XRAI over Guided IG).
 * Implementations hold their model; calls are batched across requests.
 */
public interface SegmentRanker {
    /** One score per segment of each request (index = segment index); higher is more important. */
    List<double[]> rank(List<RankRequest> requests);

    /** The scores of each request with the path steps behind them (rankers without a path take none). */
    default List<Ranking> ranked(List<RankRequest> requests) {
        return rank(requests).stream().map(Ranking::of).toList();
    }

    /** Method and parameters, for the manifest and cache keys, e.g. "xrai-gig steps=32 fraction=0.25 max_dist=0.02". */
    String describe();

    /**
     * Relative resolution of {@link #top}: scores closer than this fraction of the image's largest |score| (about 8
     * float ulps of it) are a tie. Attribution maps are floats; the same image can come out a few ulps apart (another
     * batch size runs other kernels), and that must not reorder its segments.
     */
    double TIE_RESOLUTION = 0x1p-20;

    /**
     * Indices of the {@code m} highest-scoring segments, best first. Scores are compared at {@link #TIE_RESOLUTION}
     * of the image's largest |score| (rounded to that grid), and ties go to the lower index: the order is total, and
     * scores a few ulps apart keep their order by index (unless they happen to straddle a line of the grid).
     */
    static int[] top(double[] scores, int m) {
        double[] key = tieKeys(scores);
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(key[b], key[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int n = Math.min(m, idx.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = idx[i];
        return out;
    }

    /** The scores rounded to a grid of {@link #TIE_RESOLUTION} times their largest magnitude (the scores as they are when that is 0 or not finite). */
    static double[] tieKeys(double[] scores) {
        double max = 0;
        for (double s : scores) if (Double.isFinite(s)) max = Math.max(max, Math.abs(s));
        double step = max * TIE_RESOLUTION;
        if (!(step > 0) || !Double.isFinite(step)) return scores.clone();
        double[] key = new double[scores.length];
        for (int i = 0; i < key.length; i++) key[i] = Double.isFinite(scores[i]) ? Math.rint(scores[i] / step) + 0.0 : scores[i]; // + 0.0: -0.0 ties with 0.0
        return key;
    }
}
