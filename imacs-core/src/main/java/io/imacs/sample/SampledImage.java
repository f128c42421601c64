package io.imacs.sample;

import io.imacs.model.Role;

/** An image (index into the usable evaluation images) in one model's balanced sample, with its cell. */
public record SampledImage(int image, Role model, ConfusionOutcome outcome) implements java.io.Serializable {
}
