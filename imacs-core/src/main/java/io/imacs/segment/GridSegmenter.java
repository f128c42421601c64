package io.imacs.segment;

import io.imacs.image.PixelImage;
import java.util.ArrayList;
import java.util.List;

/** The paper's default: a G x G grid of rectangular cells (N = G^2), row-major from the top left. */
public record GridSegmenter(int grid) implements Segmenter {
    public GridSegmenter {
        if (grid < 1) throw new IllegalArgumentException("`grid` must be at least 1, got " + grid);
    }

    @Override public List<Segment> segment(PixelImage image) {
        int w = image.width(), h = image.height();
        if (grid > w || grid > h) throw new IllegalArgumentException("`grid` " + grid + " is larger than the image (" + w + "x" + h + ")");
        List<Segment> out = new ArrayList<>(grid * grid);
        for (int gy = 0; gy < grid; gy++) {
            int y0 = gy * h / grid, y1 = (gy + 1) * h / grid;
            for (int gx = 0; gx < grid; gx++) {
                int x0 = gx * w / grid, x1 = (gx + 1) * w / grid;
                boolean[] mask = new boolean[w * h];
                for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) mask[y * w + x] = true;
                out.add(new Segment(gy * grid + gx, w, h, mask, new Box(x0, y0, x1 - x0, y1 - y0)));
            }
        }
        return out;
    }

    @Override public String describe() { return "grid " + grid + "x" + grid; }
}
