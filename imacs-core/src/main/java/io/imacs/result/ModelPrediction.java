package io.imacs.result;

import io.imacs.sample.ConfusionOutcome;

/**
 * One model's view of one image.
 *
 * @param predicted         the arg-max class name
 * @param targetProbability the probability of the target class
 * @param outcome           the confusion cell for the target class
 * @param sampled           whether this image was in the model's balanced sample
 * @param rankSteps         path steps (IG, Guided IG) the model's segment ranking of the image took, the most over its
 *                          classes; null when not sampled or ranked without a path (occlusion)
 * @param completenessGap   |sum - (f(x) - f(b))| / |f(x) - f(b)| of that ranking's attribution, the largest over its classes;
 *                          null unless the steps were `auto` (a fixed count spends no pass on measuring it)
 */
public record ModelPrediction(String predicted, double targetProbability, ConfusionOutcome outcome, boolean sampled,
                              Integer rankSteps, Double completenessGap) {
}
