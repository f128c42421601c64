package io.imacs.rank;

import io.imacs.attribution.AttributionTask;
import io.imacs.attribution.GradientFunction;
import io.imacs.attribution.ModelFunction;
import io.imacs.attribution.PathMethod;
import io.imacs.attribution.PathSteps;
import io.imacs.model.ImageClassifier;
import io.imacs.model.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How many path steps each request of a gradient ranker gets: the method's own count ({@link #fixed()}), or
 * {@link PathSteps.Auto} rounds. Round r runs every request not yet settled at start x 2^r steps, all of them in one
 * batched call of the method (Guided IG's path depends on its step count, so a round is a new path: nothing of the
 * round before is reused, and its passes count again). A request settles when its completeness gap
 * |sum - (f(x) - f(b))| / |f(x) - f(b)| is at most the schedule's and its top-M segments (set and order) are those of
 * its round before; after the first round there is none before, so the gap alone decides there. Requests still
 * unsettled at the cap keep the cap's scores.
 */
public final class StepSchedule {
    private final PathSteps.Auto auto;
    private final int topM;
    private final ImageClassifier model;

    private StepSchedule(PathSteps.Auto auto, int topM, ImageClassifier model) {
        this.auto = auto;
        this.topM = topM;
        this.model = model;
    }

    /** One round at the method's own steps; no completeness gap is measured. */
    public static StepSchedule fixed() { return new StepSchedule(null, 0, null); }

    /**
     * Auto rounds, judged by the top {@code topM} segments; {@code model} (the ranker's) gives f(x) and f(b) once per
     * request: 2 forward passes, no gradient.
     */
    public static StepSchedule auto(PathSteps.Auto auto, int topM, ImageClassifier model) {
        if (topM < 1) throw new IllegalArgumentException("`segmentsPerImage` must be at least 1, got " + topM);
        return new StepSchedule(auto, topM, model);
    }

    /** The schedule of these steps: {@code auto} rounds, or one round at a fixed count. */
    public static StepSchedule of(PathSteps steps, int topM, ImageClassifier model) {
        return steps instanceof PathSteps.Auto a ? auto(a, topM, model) : fixed();
    }

    /** The segment scores of request {@code i} from its attribution (all channels). */
    @FunctionalInterface
    interface Scores {
        double[] of(int request, float[] attribution);
    }

    /** One ranking per task, by {@code method} at the steps this schedule gives each; the tasks are images of this size explaining {@code output}. */
    List<Ranking> run(PathMethod method, List<AttributionTask> tasks, int width, int height, Output output, GradientFunction gradients, Scores scores) {
        if (auto == null) {
            List<float[]> attrs = method.attribute(tasks, gradients);
            return IntStream.range(0, tasks.size()).mapToObj(i -> new Ranking(scores.of(i, attrs.get(i)), method.steps(), Double.NaN)).toList();
        }
        double[] change = outputChange(tasks, ModelFunction.of(model, width, height, output), method.batchSize());
        Ranking[] out = new Ranking[tasks.size()];
        int[][] lastTop = new int[tasks.size()][];
        List<Integer> pending = IntStream.range(0, tasks.size()).boxed().toList();
        for (int steps = auto.start(); ; steps *= 2) {
            List<float[]> attrs = method.withSteps(steps).attribute(pending.stream().map(tasks::get).toList(), gradients);
            List<Integer> next = new ArrayList<>();
            for (int k = 0; k < pending.size(); k++) {
                int i = pending.get(k);
                double[] s = scores.of(i, attrs.get(k));
                int[] top = SegmentRanker.top(s, topM);
                double gap = gap(attrs.get(k), change[i]);
                out[i] = new Ranking(s, steps, gap);
                if (!settled(gap, top, lastTop[i])) next.add(i);
                lastTop[i] = top;
            }
            if (next.isEmpty() || steps * 2 > auto.cap()) break;
            pending = next;
        }
        return List.of(out);
    }

    /** Settled: the gap is small enough and the top M came out as in the round before (if there was one). */
    boolean settled(double gap, int[] top, int[] topBefore) {
        return gap <= auto.maxGap() && (topBefore == null || Arrays.equals(top, topBefore));
    }

    /** f(x) - f(b) per task, from one batched forward call over all inputs and baselines. */
    private static double[] outputChange(List<AttributionTask> tasks, ModelFunction f, int batchSize) {
        List<float[]> points = new ArrayList<>(2 * tasks.size());
        int[] targets = new int[2 * tasks.size()];
        for (int i = 0; i < tasks.size(); i++) {
            points.add(tasks.get(i).input());
            targets[i] = tasks.get(i).target();
        }
        for (int i = 0; i < tasks.size(); i++) {
            points.add(tasks.get(i).baseline());
            targets[tasks.size() + i] = tasks.get(i).target();
        }
        double[] v = f.batched(points, targets, batchSize);
        double[] change = new double[tasks.size()];
        for (int i = 0; i < change.length; i++) change[i] = v[i] - v[tasks.size() + i];
        return change;
    }

    /**
     * |sum - change| / |change|: 0 for a perfect path integral. A change of exactly 0 (input and baseline give the same
     * output) counts any non-zero sum as a gap of the largest finite size, so such a request runs to the cap.
     */
    static double gap(float[] attribution, double change) {
        double sum = 0;
        for (float a : attribution) sum += a;
        double off = Math.abs(sum - change);
        if (off == 0) return 0;
        return Math.min(off / Math.abs(change), Double.MAX_VALUE);
    }

    /** For the ranker's description (and so its cache key): the auto parameters, or nothing for fixed steps. */
    String describe() {
        return auto == null ? "" : " steps=auto " + auto.describe() + " top=" + topM;
    }
}
