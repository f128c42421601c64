package io.imacs.rank;

import io.imacs.attribution.Baselines;
import io.imacs.attribution.ChannelReduction;
import io.imacs.attribution.IntegratedGradients;
import io.imacs.model.Differentiable;
import io.imacs.model.Output;

/** Segment score = Integrated Gradients attribution summed over the segment's pixels and channels. */
public final class IntegratedGradientsRanker extends PixelAttributionRanker {
    /** {@code ig}'s own steps for every image. */
    public IntegratedGradientsRanker(Differentiable model, Output output, IntegratedGradients ig, Baselines.Baseline baseline) {
        this(model, output, ig, baseline, StepSchedule.fixed());
    }

    /** Steps by {@code schedule} ({@code ig} gives the method's other parameters). */
    public IntegratedGradientsRanker(Differentiable model, Output output, IntegratedGradients ig, Baselines.Baseline baseline, StepSchedule schedule) {
        super(model, output, ig, baseline, ChannelReduction.SUM, schedule);
    }

    @Override double[] segmentScores(double[] map, RankRequest request) { return mass(map, request.segments()); }

    @Override String name() { return "ig-mass"; }
}
