package io.imacs.cli;

import io.imacs.result.RunManifest;
import java.util.List;
import java.util.Map;

/**
 * PREFIX.json of {@code imacs attribute}: what was explained, by which method and model, and the
 * completeness numbers. {@code fBaseline}, {@code difference} and {@code relativeGap} are null where the
 * method has no baseline (SmoothGrad) or f(x) = f(baseline).
 *
 * @param sum         total of the attribution that completeness concerns (see docs/attribute.md)
 * @param relativeGap |sum - (f(x) - f(baseline))| / |f(x) - f(baseline)|
 * @param shape       shape of PREFIX.npy: [3, H, W] (pixel methods) or [H, W] (XRAI, occlusion)
 */
public record AttributionSummary(String tool, String version, String method, String description, RunManifest.ModelRecord model,
                                 String image, String targetClass, int classIndex, String output, String baseline,
                                 double fx, Double fBaseline, Double difference, double sum, Double relativeGap,
                                 List<Integer> shape, Map<String, Object> parameters, Map<String, Object> details) {}
