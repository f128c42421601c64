package io.imacs.summarize;

import io.imacs.model.Role;
import io.imacs.result.ClusterSummary;
import io.imacs.result.Finding;
import io.imacs.result.MeanDifference;
import io.imacs.result.SegmentEntry;
import io.imacs.sample.ConfusionOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The findings in words (beyond the paper): one sentence per cluster whose difference between the models holds
 * ({@link MeanDifference#holds()}), in the Concept view's order, e.g.
 * "B relies more than A on cluster 2 (watermark 100%, at most 9% elsewhere): mean +1.38 vs +0.82, B-A +0.56
 * [0.15, 0.99], p = 0.018; 15 of B's 19 FP segments are here." The report, the CLI and result.json show the same text.
 */
public final class FindingWriter {
    private FindingWriter() {}

    /** Typical tiles shown with a finding. */
    public static final int TILES = 6;

    /** The line shown when no cluster's difference holds. */
    public static final String NONE = String.format(Locale.ROOT, "No cluster's difference between A and B holds (image-level permutation test, "
        + "p <= %s): at this sample size every difference could be chance. More images per model (`imagesPerModel`) "
        + "can tell.", MeanDifference.ALPHA);

    public static List<Finding> findings(List<ClusterSummary> clusters, List<SegmentEntry> segments) {
        List<Finding> out = new ArrayList<>();
        for (ClusterSummary c : clusters.stream().sorted(Comparator.comparingInt(ClusterSummary::order)).toList()) {
            MeanDifference d = c.difference();
            if (d == null || !d.holds()) continue;
            // the test's estimate is mean A - mean B with an empty side at 0; "more" is the side it favours
            Role more = d.estimate() >= 0 ? Role.A : Role.B, less = more.other();
            double sign = more == Role.A ? 1 : -1;
            double low = sign > 0 ? d.low() : -d.high(), high = sign > 0 ? d.high() : -d.low();
            int fpHere = c.outcomes().get(more).getOrDefault(ConfusionOutcome.FP, 0);
            int fpTotal = clusters.stream().mapToInt(x -> x.outcomes().get(more).getOrDefault(ConfusionOutcome.FP, 0)).sum();
            Double meanMore = c.mean().get(more), meanLess = c.mean().get(less);
            List<Integer> tiles = segments.stream().filter(s -> s.cluster() == c.id() && s.model() == more)
                .sorted(Comparator.comparingDouble(SegmentEntry::distance).thenComparingInt(SegmentEntry::id))
                .limit(TILES).map(SegmentEntry::id).toList();
            String text = String.format(Locale.ROOT, "%s relies more than %s on cluster %d%s: mean %s vs %s, %s-%s %+.2f [%.2f, %.2f], p = %s%s.",
                more, less, c.id(), c.label() == null ? "" : " (" + c.label().describe() + ")", mean(meanMore), mean(meanLess),
                more, less, sign * d.estimate(), low, high, p(d.pValue()),
                fpTotal == 0 ? "" : String.format(Locale.ROOT, "; %d of %s's %d FP segments are here", fpHere, more, fpTotal));
            out.add(new Finding(c.id(), more, less, meanMore, meanLess, sign * d.estimate(), low, high, d.pValue(),
                fpHere, fpTotal, c.label(), tiles, text));
        }
        return out;
    }

    private static String mean(Double m) { return m == null ? "none (no segment here)" : String.format(Locale.ROOT, "%+.2f", m); }

    /** Two significant digits: 0.018, 0.0005. */
    static String p(double p) {
        return new java.math.BigDecimal(p).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }
}
