package io.imacs.sample;

/** How the images of a comparison are chosen. */
public enum SamplingKind {
    /** A balanced confusion matrix per model: N/4 each of TP, FP, FN, TN (the paper's default). */
    BALANCED,
    /** Images where the two models' probabilities of the class differ by at least a threshold (paper section 5.4). */
    DISAGREEMENT
}
