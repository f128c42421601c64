package io.imacs.rank;

import io.imacs.attribution.Baselines;
import io.imacs.attribution.ChannelReduction;
import io.imacs.attribution.GuidedIG;
import io.imacs.model.Differentiable;
import io.imacs.model.Output;

/** Segment score = Guided IG attribution mass: summed over the segment's pixels and channels. */
public final class GuidedIGRanker extends PixelAttributionRanker {
    /** {@code gig}'s own steps for every image. */
    public GuidedIGRanker(Differentiable model, Output output, GuidedIG gig, Baselines.Baseline baseline) {
        this(model, output, gig, baseline, StepSchedule.fixed());
    }

    /** Steps by {@code schedule} ({@code gig} gives the method's other parameters). */
    public GuidedIGRanker(Differentiable model, Output output, GuidedIG gig, Baselines.Baseline baseline, StepSchedule schedule) {
        super(model, output, gig, baseline, ChannelReduction.SUM, schedule);
    }

    @Override double[] segmentScores(double[] map, RankRequest request) { return mass(map, request.segments()); }

    @Override String name() { return "gig-mass"; }
}
