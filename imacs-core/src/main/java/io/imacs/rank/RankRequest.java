package io.imacs.rank;

import io.imacs.image.PixelImage;
import io.imacs.segment.Segment;
import java.util.List;

/**
 * Rank the segments of one image toward {@code targetClass}.
 *
 * @param image       pixels at the working resolution
 * @param segments    the image's segmentation
 * @param targetClass class index in the model's output
 * @param fill        the image that stands in for removed pixels (blurred copy by default)
 */
public record RankRequest(PixelImage image, List<Segment> segments, int targetClass, PixelImage fill) {
}
