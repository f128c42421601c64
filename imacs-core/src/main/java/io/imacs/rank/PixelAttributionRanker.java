package io.imacs.rank;

import io.imacs.attribution.AttributionTask;
import io.imacs.attribution.Baselines;
import io.imacs.attribution.ChannelReduction;
import io.imacs.attribution.GradientFunction;
import io.imacs.attribution.PathMethod;
import io.imacs.image.PixelImage;
import io.imacs.model.Differentiable;
import io.imacs.model.Output;
import io.imacs.segment.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared machinery of gradient-based rankers: one pixel attribution per request (all requests in one
 * batched call of the method per round of the {@link StepSchedule}), channels reduced, then a per-segment
 * score from that map.
 */
abstract class PixelAttributionRanker implements SegmentRanker {
    private final Differentiable model;
    private final Output output;
    private final PathMethod method;
    private final Baselines.Baseline baseline;
    private final ChannelReduction reduction;
    private final StepSchedule schedule;

    PixelAttributionRanker(Differentiable model, Output output, PathMethod method, Baselines.Baseline baseline, ChannelReduction reduction,
                           StepSchedule schedule) {
        this.model = model;
        this.output = output;
        this.method = method;
        this.baseline = baseline;
        this.reduction = reduction;
        this.schedule = schedule;
    }

    /** Scores of the request's segments from its per-pixel (H*W) attribution map. */
    abstract double[] segmentScores(double[] pixelMap, RankRequest request);

    /** Name of the ranker in {@link #describe()}. */
    abstract String name();

    @Override public List<double[]> rank(List<RankRequest> requests) {
        return ranked(requests).stream().map(Ranking::scores).toList();
    }

    @Override public List<Ranking> ranked(List<RankRequest> requests) {
        if (requests.isEmpty()) return List.of();
        PixelImage first = requests.get(0).image();
        List<AttributionTask> tasks = new ArrayList<>(requests.size());
        for (RankRequest r : requests) {
            if (r.image().width() != first.width() || r.image().height() != first.height())
                throw new IllegalArgumentException("all images of one rank call must share the working size; got " + r.image() + " and " + first);
            tasks.add(new AttributionTask(r.image().chw(), baseline.of(r.image()).chw(), r.targetClass()));
        }
        return schedule.run(method, tasks, first.width(), first.height(), output, GradientFunction.of(model, first.width(), first.height(), output),
            (i, attr) -> segmentScores(reduction.reduce(attr, first.plane()), requests.get(i)));
    }

    /** Sum of the map over each segment's pixels. */
    static double[] mass(double[] map, List<Segment> segments) {
        double[] s = new double[segments.size()];
        for (int k = 0; k < s.length; k++) {
            boolean[] m = segments.get(k).mask();
            for (int i = 0; i < m.length; i++) if (m[i]) s[k] += map[i];
        }
        return s;
    }

    @Override public String describe() {
        return name() + " " + method.describe() + schedule.describe() + " baseline=" + baseline.describe() + " channels=" + reduction.name().toLowerCase()
            + " output=" + output.name().toLowerCase();
    }
}
