package io.imacs.rank;

import io.imacs.attribution.Baselines;
import io.imacs.attribution.ChannelReduction;
import io.imacs.attribution.GuidedIG;
import io.imacs.model.Differentiable;
import io.imacs.model.Output;

/** Segment score = Guided IG attribution mass: summed over the segment's pixels and channels. */
public final class GuidedIGRanker extends PixelAttributionRanker {
    public GuidedIGRanker(Differentiable model, Output output, GuidedIG gig, Baselines.Baseline baseline) {
        super(model, output, gig, baseline, ChannelReduction.SUM);
    }

    @Override double[] segmentScores(double[] map, RankRequest request) { return mass(map, request.segments()); }

    @Override String name() { return "gig-mass"; }
}
