package io.imacs.attribution;

/**
 * An attribution integrated along a path from the baseline to the input in {@link #steps()} gradient passes
 * (Integrated Gradients, Guided IG): its attributions sum to about f(input) - f(baseline) (completeness), closer
 * the more steps it takes.
 */
public interface PathMethod extends AttributionMethod {
    int steps();

    /** Most inputs per gradient call. */
    int batchSize();

    /** The same method with another step count (a new path for Guided IG, whose path depends on it). */
    PathMethod withSteps(int steps);
}
