package io.imacs.attribution;

import java.util.Locale;

/**
 * How many steps a path method (Integrated Gradients, Guided IG) takes per image: a fixed count, or {@code auto},
 * where the ranker starts coarse and doubles an image's steps only while its ranking has not settled
 * ({@link io.imacs.rank.StepSchedule}).
 */
public sealed interface PathSteps permits PathSteps.Fixed, PathSteps.Auto {
    /** The steps of the first (for a fixed count the only) round. */
    int first();

    /** Every image gets {@code steps}. */
    record Fixed(int steps) implements PathSteps {
        @Override public int first() { return steps; }

        @Override public String toString() { return String.valueOf(steps); }
    }

    /**
     * Rounds at {@code start}, 2 x start, ... up to {@code cap} steps; an image leaves the rounds once its completeness gap
     * is at most {@code maxGap} and its top-M segments came out as in the round before (when there was one).
     */
    record Auto(int start, int cap, double maxGap) implements PathSteps {
        public Auto {
            if (start < 1 || cap < start) throw new IllegalArgumentException("auto steps need 1 <= start <= cap, got " + start + " and " + cap);
            if (!(maxGap >= 0)) throw new IllegalArgumentException("auto steps need a completeness gap >= 0, got " + maxGap);
        }

        @Override public int first() { return start; }

        /** The parameters, for the ranker's description (and so its cache key). */
        public String describe() { return "start=" + start + " cap=" + cap + " max_gap=" + maxGap; }

        @Override public String toString() { return "auto"; }
    }

    /**
     * The defaults of {@code auto}, chosen by measurement on the demo (docs/benchmarks.md): 8 steps first; a gap of at
     * most 1, because Guided IG's 8-step gaps there have a median of 0.2 and on flowers the 8-step ranking already gives the
     * 32-step finding, so a tighter gap would only spend passes (a gap above 1, the sum off by more than the output change
     * itself, is a path gone wrong); a cap of 32, the fixed default before, so no image's ranking costs more resolution
     * than it did.
     */
    Auto AUTO = new Auto(8, 32, 1.0);

    /** "auto" or a whole number (not checked for range: the option says what it accepts). */
    static PathSteps parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return t.equals("auto") ? AUTO : new Fixed(Integer.parseInt(t));
    }
}
