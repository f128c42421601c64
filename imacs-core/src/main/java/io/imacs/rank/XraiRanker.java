package io.imacs.rank;

import io.imacs.attribution.Baselines;
import io.imacs.attribution.ChannelReduction;
import io.imacs.attribution.GuidedIG;
import io.imacs.attribution.Xrai;
import io.imacs.model.Differentiable;
import io.imacs.model.Output;
import io.imacs.segment.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's ranker: XRAI over Guided IG with the image's segments as XRAI's regions (channels reduced
 * by max, as the reference). Segments are disjoint, so a segment's score is XRAI's gain for it: the mean
 * attribution of its pixels. On a grid all areas are equal, so this orders segments by attribution mass.
 */
public final class XraiRanker extends PixelAttributionRanker {
    private final Xrai xrai = new Xrai(Xrai.Mode.FULL, 1.0, 1);

    /** {@code gig}'s own steps for every image. */
    public XraiRanker(Differentiable model, Output output, GuidedIG gig, Baselines.Baseline baseline) {
        this(model, output, gig, baseline, StepSchedule.fixed());
    }

    /** Steps by {@code schedule} ({@code gig} gives the method's other parameters). */
    public XraiRanker(Differentiable model, Output output, GuidedIG gig, Baselines.Baseline baseline, StepSchedule schedule) {
        super(model, output, gig, baseline, ChannelReduction.MAX, schedule);
    }

    @Override double[] segmentScores(double[] map, RankRequest request) {
        List<boolean[]> regions = new ArrayList<>();
        for (Segment s : request.segments()) regions.add(s.mask());
        double[] xraiMap = xrai.rank(map, regions).map();
        double[] scores = mass(xraiMap, request.segments());
        for (int k = 0; k < scores.length; k++) scores[k] /= request.segments().get(k).area();
        return scores;
    }

    @Override String name() { return "xrai-gig"; }
}
