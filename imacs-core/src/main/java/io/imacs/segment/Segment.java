package io.imacs.segment;

import java.util.Arrays;

/**
 * One region of an image at the working resolution: its index in the segmentation, a pixel mask
 * (row-major, width*height) and its bounding box.
 */
public record Segment(int index, int width, int height, boolean[] mask, Box box) implements java.io.Serializable {

    public int area() {
        int n = 0;
        for (boolean b : mask) if (b) n++;
        return n;
    }

    /** Builds a segment from a mask, computing its bounding box. */
    public static Segment ofMask(int index, int width, int height, boolean[] mask) {
        int x0 = width, y0 = height, x1 = -1, y1 = -1;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (mask[y * width + x]) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
        if (x1 < 0) throw new IllegalArgumentException("empty segment " + index);
        return new Segment(index, width, height, mask, new Box(x0, y0, x1 - x0 + 1, y1 - y0 + 1));
    }

    @Override public boolean equals(Object o) {
        return o instanceof Segment s && s.index == index && s.width == width && Arrays.equals(s.mask, mask);
    }

    @Override public int hashCode() { return 31 * index + Arrays.hashCode(mask); }
}
