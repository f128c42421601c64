package io.imacs.demo;

import java.util.Locale;

/**
 * How the demo trains its models (part of the cache key).
 *
 * @param epochs          passes over the classifier training set (A, B)
 * @param batchSize       images per optimiser step
 * @param learningRate    Adam's step size
 * @param seed            weight initialisation and data order; U is initialised with {@code seed + 3}
 * @param embedderCrops   training crops per kind for E
 * @param embedderEpochs  passes over E's crops
 */
public record TrainingParams(int epochs, int batchSize, float learningRate, long seed, int embedderCrops, int embedderEpochs) {

    public TrainingParams {
        if (epochs < 1 || embedderEpochs < 1) throw new IllegalArgumentException("epochs must be at least 1");
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        if (embedderCrops < 1) throw new IllegalArgumentException("embedder crops per kind must be at least 1");
    }

    /** The demo's defaults, sized for a cold run well under five minutes on two CPU cores. */
    public static TrainingParams defaults() { return new TrainingParams(6, 32, 2e-3f, 7, 500, 8); }

    public String describe() {
        return String.format(Locale.ROOT, "epochs=%d batch=%d lr=%s seed=%d eCrops=%d eEpochs=%d",
            epochs, batchSize, learningRate, seed, embedderCrops, embedderEpochs);
    }
}
