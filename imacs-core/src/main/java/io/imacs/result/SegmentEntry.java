package io.imacs.result;

import io.imacs.model.Role;
import io.imacs.sample.ConfusionOutcome;
import io.imacs.segment.Box;
import java.util.List;
import java.util.Map;

/**
 * One scored segment: a top-M segment of one image for one model.
 *
 * @param id                 stable index in the result
 * @param model              the model the segment was explained for
 * @param image              the image id (path as given in the data)
 * @param label              ground truth of the image
 * @param predicted          the model's predicted class
 * @param outcome            the model's confusion cell for the image
 * @param segment            index in the image's segmentation
 * @param rank               1 = most important by the ranking method
 * @param box                bounding box in the original image's pixels
 * @param workingBox         bounding box at the working resolution (the thumbnail's pixels)
 * @param attribution        Shapley value toward the target class
 * @param standardError      standard error of the Shapley estimate (0 for exact enumeration)
 * @param classAttributions  Shapley value per scored class (target, and top-k when asked)
 * @param cluster            cluster id
 * @param distance           Euclidean distance to the cluster centroid, in the space k-means clustered in
 *                           (manifest parameter {@code embeddingNorm})
 * @param tile               path of the segment's tile image under the output directory
 * @param embedding          the embedder's vector for the segment as k-means clustered it: as the embedder gave it
 *                           ({@code embeddingNorm} none) or at unit length (l2); lets users re-cluster without a model pass
 */
public record SegmentEntry(int id, Role model, String image, String label, String predicted,
                           ConfusionOutcome outcome, int segment, int rank, Box box, Box workingBox,
                           double attribution, double standardError, Map<String, Double> classAttributions,
                           int cluster, double distance, String tile, List<Float> embedding) {
}
