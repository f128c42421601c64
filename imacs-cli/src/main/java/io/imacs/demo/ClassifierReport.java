package io.imacs.demo;

import java.util.List;

/**
 * How one demo classifier does on the evaluation sets.
 *
 * @param name                 A, B or U
 * @param cleanAccuracy        top-1 accuracy on the clean evaluation set
 * @param watermarkedAccuracy  top-1 accuracy on the evaluation set with watermarks on part of every class
 * @param watermarkToTarget    share of watermarked images of the other classes predicted as the watermark class
 * @param trainSeconds         training time when it was trained (0 for U)
 * @param epochLoss            mean training loss per epoch (empty for U)
 */
public record ClassifierReport(String name, double cleanAccuracy, double watermarkedAccuracy, double watermarkToTarget,
                               double trainSeconds, List<Double> epochLoss) {
    public ClassifierReport { epochLoss = List.copyOf(epochLoss); }
}
