package io.imacs.sample;

/** One-vs-rest confusion cell of an image for the target class c, per model. */
public enum ConfusionOutcome {
    TP, FP, FN, TN;

    public static ConfusionOutcome of(boolean labelIsTarget, boolean predictedTarget) {
        if (labelIsTarget) return predictedTarget ? TP : FN;
        return predictedTarget ? FP : TN;
    }
}
