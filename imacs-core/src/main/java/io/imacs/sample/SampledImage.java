package io.imacs.sample;

/** An image (index into the usable evaluation images) in one model's balanced sample, with its cell. */
public record SampledImage(int image, String model, ConfusionOutcome outcome) {
}
