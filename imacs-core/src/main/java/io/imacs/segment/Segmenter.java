package io.imacs.segment;

import io.imacs.image.PixelImage;
import java.util.List;

/** Splits an image into non-overlapping segments that cover it. */
public interface Segmenter {
    List<Segment> segment(PixelImage image);

    /** A short description for the manifest, e.g. "grid 4x4" or "slic n=50". */
    String describe();
}
