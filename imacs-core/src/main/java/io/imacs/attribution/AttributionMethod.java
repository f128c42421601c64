package io.imacs.attribution;

import java.util.List;

/**
 * A pixel (feature) attribution method. One entry point; implementations pack the gradient calls of
 * all tasks into batches, so many images x classes run side by side.
 */
public interface AttributionMethod {
    /** One attribution per task, same length as its input. */
    List<float[]> attribute(List<AttributionTask> tasks, GradientFunction model);

    /** Method and parameters, e.g. "ig steps=64 rule=riemann-middle". */
    String describe();
}
