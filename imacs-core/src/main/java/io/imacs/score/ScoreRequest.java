package io.imacs.score;

import io.imacs.image.PixelImage;
import io.imacs.segment.Segment;
import java.util.List;

/**
 * A Shapley game over the top-M segments of one image: a coalition shows the original pixels of its
 * players and the fill's pixels for the other players; segments that are not players keep their
 * original pixels.
 *
 * @param classes class indices to score (the target first)
 */
public record ScoreRequest(PixelImage image, PixelImage fill, List<Segment> players, int[] classes) {
}
