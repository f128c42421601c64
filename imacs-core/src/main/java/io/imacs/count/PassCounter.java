package io.imacs.count;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tallies model passes and the time spent in model calls, per pipeline stage. The stage is whatever
 * was last set (the bench sets it from the pipeline's progress reports). Thread-safe.
 */
public final class PassCounter {
    /**
     * Images through a model forward only, images through forward and backward, calls, and nanoseconds
     * inside forward-only and gradient calls.
     */
    public record Tally(long forward, long backward, long calls, long forwardNanos, long backwardNanos) implements java.io.Serializable {
        Tally plus(Tally o) {
            return new Tally(forward + o.forward, backward + o.backward, calls + o.calls, forwardNanos + o.forwardNanos,
                backwardNanos + o.backwardNanos);
        }

        public long nanos() { return forwardNanos + backwardNanos; }
    }

    private final Map<String, Tally> byStage = new LinkedHashMap<>();
    private String stage = "";

    public synchronized void stage(String name) { stage = name; }

    synchronized void record(long forward, long backward, long nanos) {
        byStage.merge(stage, backward > 0 ? new Tally(forward, backward, 1, 0, nanos) : new Tally(forward, 0, 1, nanos, 0), Tally::plus);
    }

    /** Adds passes counted elsewhere (a worker's) to {@code stageName}. */
    public synchronized void add(String stageName, Tally passes) { byStage.merge(stageName, passes, Tally::plus); }

    /** Per stage, in the order stages first called a model. */
    public synchronized Map<String, Tally> byStage() { return new LinkedHashMap<>(byStage); }

    public synchronized Tally total() {
        return byStage.values().stream().reduce(new Tally(0, 0, 0, 0, 0), Tally::plus);
    }

    public synchronized void reset() {
        byStage.clear();
        stage = "";
    }
}
