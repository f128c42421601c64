package io.imacs.rank;

/**
 * The segment scores of one {@link RankRequest}, and for a path method how they were reached.
 *
 * @param scores one per segment (index = segment index), higher is more important
 * @param steps  path steps of the attribution behind the scores (0: not a path method)
 * @param gap    completeness gap of that attribution, |sum - (f(x) - f(b))| / |f(x) - f(b)|; NaN where not measured
 *               (fixed steps measure none, to spend no pass on it)
 */
public record Ranking(double[] scores, int steps, double gap) {
    /** Scores of a ranker that takes no path steps. */
    public static Ranking of(double[] scores) { return new Ranking(scores, 0, Double.NaN); }
}
