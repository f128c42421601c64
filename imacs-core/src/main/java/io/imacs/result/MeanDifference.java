package io.imacs.result;

/**
 * Whether a cluster's difference in mean attribution between A and B holds (spec §3, beyond the paper):
 * the observed difference, a percentile bootstrap 95% interval, and a two-sided permutation-test p-value.
 *
 * @param estimate  mean A - mean B
 * @param low       2.5th percentile of the bootstrap distribution of the difference
 * @param high      97.5th percentile
 * @param pValue    share of label permutations with |difference| at least the observed one ((count + 1) / (n + 1))
 * @param resamples permutations, and bootstrap resamples
 */
public record MeanDifference(double estimate, double low, double high, double pValue, int resamples) {
}
