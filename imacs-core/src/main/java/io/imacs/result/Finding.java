package io.imacs.result;

import io.imacs.model.Role;
import java.util.List;

/**
 * One finding in words (beyond the paper): a cluster whose difference between the models holds, which model relies
 * on it more, and the evidence. The report shows these at the top; {@code imacs compare} prints them.
 *
 * @param cluster    the cluster id
 * @param more       the model whose mean attribution there is higher
 * @param less       the other model
 * @param meanMore   {@code more}'s mean attribution in the cluster, or null when it has no segment there (the test counts
 *                   an empty side as 0, so an empty side can be "more" when the other's mean is negative)
 * @param meanLess   {@code less}'s, or null when it has no segment there
 * @param difference mean(more) - mean(less) with its 95% bootstrap interval and permutation p-value (an empty side
 *                   counts as 0, as in the test)
 * @param low        the interval's low end, for mean(more) - mean(less)
 * @param high       its high end
 * @param pValue     the permutation test's p-value
 * @param fpHere     {@code more}'s false-positive segments in the cluster
 * @param fpTotal    {@code more}'s false-positive segments in all clusters
 * @param label      what the annotations say the cluster is, or null
 * @param tiles      ids of up to six typical segments of {@code more}'s there (closest to the cluster's centre)
 * @param text       the sentence
 */
public record Finding(int cluster, Role more, Role less, Double meanMore, Double meanLess, double difference, double low,
                      double high, double pValue, int fpHere, int fpTotal, ClusterLabel label, List<Integer> tiles, String text) {
    public Finding {
        tiles = List.copyOf(tiles);
    }
}
