package io.imacs.model;

/**
 * The result of one batched gradient call: for each input i, the explained output value and its
 * gradient with respect to the input, in the caller's layout (pixel space CHW for images).
 */
public record Gradients(float[] values, float[][] gradients) {
    public int size() { return values.length; }
}
