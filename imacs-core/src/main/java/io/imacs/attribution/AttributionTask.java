package io.imacs.attribution;

/**
 * One attribution to compute: explain output {@code target} at {@code input} relative to
 * {@code baseline} (same length; methods without a baseline ignore it).
 */
public record AttributionTask(float[] input, float[] baseline, int target) {
    public AttributionTask {
        if (baseline != null && baseline.length != input.length)
            throw new IllegalArgumentException("baseline has " + baseline.length + " values, input " + input.length);
    }

    /** A task whose baseline is all zeros. */
    public static AttributionTask zeroBaseline(float[] input, int target) {
        return new AttributionTask(input, new float[input.length], target);
    }
}
