package io.imacs.result;

/**
 * Whether a cluster's difference in mean attribution between A and B holds (spec §3, beyond the paper):
 * the observed difference, a percentile bootstrap 95% interval, and a two-sided permutation-test p-value.
 *
 * @param estimate  mean A - mean B
 * @param low       2.5th percentile of the bootstrap distribution of the difference
 * @param high      97.5th percentile
 * @param standardError standard deviation of the bootstrap distribution: how far the estimate may be off
 * @param pValue    share of label permutations with |difference| at least the observed one ((count + 1) / (n + 1))
 * @param resamples permutations, and bootstrap resamples
 * (result.json also carries {@code holds}, derived: p at most {@link #ALPHA})
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = "holds", allowGetters = true)
public record MeanDifference(double estimate, double low, double high, double standardError, double pValue, int resamples) {
    /** The significance level at which a difference "holds" (the report's and the CLI's wording). */
    public static final double ALPHA = 0.05;

    /** Whether the permutation test rejects "no difference" at {@link #ALPHA}. */
    @com.fasterxml.jackson.annotation.JsonProperty("holds")
    public boolean holds() { return pValue <= ALPHA; }

    /**
     * |estimate| in standard errors: the larger the surer. It grows with the difference and with the number of
     * images behind it; the Concept view's order uses it among clusters whose p-values tie. Infinite when the
     * bootstrap never moved the estimate.
     */
    public double standardized() {
        if (estimate == 0) return 0;
        return standardError > 0 ? Math.abs(estimate) / standardError : Double.POSITIVE_INFINITY;
    }
}
