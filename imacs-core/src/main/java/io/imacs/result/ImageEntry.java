package io.imacs.result;

import io.imacs.model.Role;
import java.util.Map;

/**
 * One evaluation image that was sampled for at least one model.
 *
 * @param id          the path as given in the data
 * @param label       ground truth
 * @param annotations extra CSV columns
 * @param width       original width in pixels
 * @param height      original height in pixels
 * @param thumbnail   path of the working-size copy under the output directory (for the report)
 * @param predictions per model: prediction and, when sampled, outcome
 */
public record ImageEntry(String id, String label, Map<String, String> annotations, int width, int height,
                         String thumbnail, Map<Role, ModelPrediction> predictions) {
}
