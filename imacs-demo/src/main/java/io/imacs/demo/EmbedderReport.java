package io.imacs.demo;

import java.util.List;

/**
 * How the independent embedder E does on its own broader task, and whether it tells watermark
 * cells from the rest, which is what lets clustering isolate the watermark.
 *
 * @param kinds                what E was trained to tell apart
 * @param heldOutAccuracy      kind accuracy on held-out crops
 * @param watermarkCellsAsText share of grid cells mostly covered by a watermark that E calls "text"
 * @param cleanCellsAsText     share of grid cells of clean evaluation images that E calls "text"
 * @param trainSeconds         training time when it was trained
 * @param epochLoss            mean training loss per epoch
 */
public record EmbedderReport(List<String> kinds, double heldOutAccuracy, double watermarkCellsAsText, double cleanCellsAsText,
                             double trainSeconds, List<Double> epochLoss) {
    public EmbedderReport {
        kinds = List.copyOf(kinds);
        epochLoss = List.copyOf(epochLoss);
    }
}
