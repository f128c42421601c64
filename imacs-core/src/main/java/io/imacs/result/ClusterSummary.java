package io.imacs.result;

import io.imacs.model.Role;
import io.imacs.sample.ConfusionOutcome;
import java.util.Map;

/**
 * Per-cluster statistics (paper section 5): composition, importance, coherence.
 *
 * @param id        cluster id (stable: clusters are numbered by k-means order)
 * @param order     position in the Concept view: clusters whose difference holds first, each group by |meanA - meanB|
 *                  (0 = the top cluster; see ClusterSummarizer)
 * @param size      segments in the cluster
 * @param count     segments per model
 * @param mean      mean attribution per model (null when the model has no segment here)
 * @param imbalance meanA - meanB (null when either model has no segment here)
 * @param histogram attribution histogram per model, on the run's shared bin edges
 * @param outcomes  segments per model and confusion cell
 * @param difference whether mean A - mean B holds: bootstrap interval and permutation p-value over every image each model
 *                   explained (a model without segments here has mean 0); null only when the cluster is empty
 * @param label     what the data's annotations say the cluster is (ClusterLabeler), or null
 */
public record ClusterSummary(int id, int order, int size, Map<Role, Integer> count, Map<Role, Double> mean,
                            Double imbalance, Map<Role, int[]> histogram,
                            Map<Role, Map<ConfusionOutcome, Integer>> outcomes, MeanDifference difference, ClusterLabel label) {

    /** A summary without a label. */
    public ClusterSummary(int id, int order, int size, Map<Role, Integer> count, Map<Role, Double> mean, Double imbalance,
                          Map<Role, int[]> histogram, Map<Role, Map<ConfusionOutcome, Integer>> outcomes, MeanDifference difference) {
        this(id, order, size, count, mean, imbalance, histogram, outcomes, difference, null);
    }

    /** This summary with {@code label}. */
    public ClusterSummary withLabel(ClusterLabel label) {
        return new ClusterSummary(id, order, size, count, mean, imbalance, histogram, outcomes, difference, label);
    }
}
