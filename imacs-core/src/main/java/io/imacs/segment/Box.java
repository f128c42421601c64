package io.imacs.segment;

/** Axis-aligned rectangle in pixels: x, y of the top-left corner, width and height. */
public record Box(int x, int y, int w, int h) implements java.io.Serializable {
    /** This box in another resolution (e.g. working size to the original image's pixels). */
    public Box scaled(double sx, double sy) {
        int x0 = (int) Math.floor(x * sx), y0 = (int) Math.floor(y * sy);
        int x1 = (int) Math.ceil((x + w) * sx), y1 = (int) Math.ceil((y + h) * sy);
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }

    public double overlap(Box o) {
        int ix = Math.max(0, Math.min(x + w, o.x + o.w) - Math.max(x, o.x));
        int iy = Math.max(0, Math.min(y + h, o.y + o.h) - Math.max(y, o.y));
        return (double) ix * iy;
    }
}
