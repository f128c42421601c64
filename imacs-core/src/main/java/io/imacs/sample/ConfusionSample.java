package io.imacs.sample;

import io.imacs.model.Role;
import java.util.List;
import java.util.Map;

/**
 * One model's balanced confusion-matrix sample and how it compares with what was asked.
 *
 * @param images    sampled images, grouped by cell in TP, FP, FN, TN order, each group in sampled order
 * @param requested per cell
 * @param available per cell in the whole evaluation set
 * @param sampled   per cell actually taken
 * @param shortfalls human-readable, e.g. "A: FN has 3 images, 25 asked"
 */
public record ConfusionSample(Role model, List<SampledImage> images, Map<ConfusionOutcome, Integer> requested,
                              Map<ConfusionOutcome, Integer> available, Map<ConfusionOutcome, Integer> sampled,
                              List<String> shortfalls) {
}
