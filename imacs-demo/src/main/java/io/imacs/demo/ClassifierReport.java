package io.imacs.demo;

import java.util.List;

/**
 * How one demo classifier does on the evaluation sets.
 *
 * @param name                 A, B or U
 * @param referenceAccuracy    top-1 accuracy on the reference set (the watermark study: clean images; domain shift: B's studio domain)
 * @param evalAccuracy         top-1 accuracy on the evaluation set compare reads (watermarks on part of every class; A's photos)
 * @param shortcutToTarget     share of the evaluation images of the other classes that carry the shortcut's cue (a watermark;
 *                             a sky like the target's studio backdrop) predicted as the target class
 * @param trainSeconds         training time when it was trained (0 for U)
 * @param epochLoss            mean training loss per epoch (empty for U)
 */
public record ClassifierReport(String name, double referenceAccuracy, double evalAccuracy, double shortcutToTarget,
                               double trainSeconds, List<Double> epochLoss) {
    public ClassifierReport { epochLoss = List.copyOf(epochLoss); }
}
