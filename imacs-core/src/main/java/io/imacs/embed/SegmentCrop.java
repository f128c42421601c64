package io.imacs.embed;

import io.imacs.image.PixelImage;
import io.imacs.segment.Box;
import io.imacs.segment.Segment;

/**
 * The image a segment shows the embedder (spec §2): its bounding box, with pixels outside the mask set
 * to the embedder's neutral value, so a non-rectangular segment is not described by its neighbours.
 * A grid cell is its rectangle. The embedder adapter resizes the crop to its input size.
 */
public final class SegmentCrop {
    private SegmentCrop() {}

    public static PixelImage of(PixelImage image, Segment segment, float[] neutralRgb) {
        Box b = segment.box();
        int w = image.width(), p = image.plane(), cp = b.w() * b.h();
        float[] out = new float[3 * cp];
        boolean[] mask = segment.mask();
        for (int y = 0; y < b.h(); y++) {
            for (int x = 0; x < b.w(); x++) {
                int src = (b.y() + y) * w + b.x() + x, dst = y * b.w() + x;
                for (int c = 0; c < 3; c++) out[c * cp + dst] = mask[src] ? image.chw()[c * p + src] : neutralRgb[c];
            }
        }
        return new PixelImage(b.w(), b.h(), out);
    }
}
