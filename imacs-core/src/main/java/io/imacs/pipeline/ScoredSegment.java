package io.imacs.pipeline;

import io.imacs.sample.SampledImage;
import io.imacs.segment.Segment;
import java.util.Map;

/**
 * A top-M segment after rank, score and embed, before clustering.
 *
 * @param sample            the image and model it belongs to
 * @param segment           the segment at working resolution
 * @param rank              1 = most important
 * @param attribution       Shapley value toward the target class
 * @param standardError     of the Shapley estimate
 * @param classAttributions Shapley value per scored class name
 * @param embedding         the embedder's vector for the segment's crop
 * @param tile              the tile image's path under the output directory
 * @param rankSteps         path steps of the image's ranking (0: not a path method)
 * @param completenessGap   the completeness gap of that ranking's attribution, NaN where not measured
 */
public record ScoredSegment(SampledImage sample, Segment segment, int rank, double attribution, double standardError,
                            Map<String, Double> classAttributions, float[] embedding, String tile, int rankSteps, double completenessGap)
    implements java.io.Serializable {
}
