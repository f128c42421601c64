package io.imacs.result;

import io.imacs.sample.ConfusionOutcome;

/**
 * One model's view of one image.
 *
 * @param predicted         the arg-max class name
 * @param targetProbability the probability of the target class
 * @param outcome           the confusion cell for the target class
 * @param sampled           whether this image was in the model's balanced sample
 */
public record ModelPrediction(String predicted, double targetProbability, ConfusionOutcome outcome, boolean sampled) {
}
