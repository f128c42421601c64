package io.imacs.segment;

import io.imacs.image.PixelImage;
import java.util.List;

/** Splits an image into non-overlapping segments that cover it. */
public interface Segmenter {
    List<Segment> segment(PixelImage image);

    /** A short description for the manifest, e.g. "grid 4x4" or "slic n=50". */
    String describe();

    /** Per-pixel segment index (row-major), for methods that want a label map. */
    static int[] labelMap(List<Segment> segments, int width, int height) {
        int[] labels = new int[width * height];
        for (Segment s : segments) {
            boolean[] m = s.mask();
            for (int i = 0; i < m.length; i++) if (m[i]) labels[i] = s.index();
        }
        return labels;
    }
}
