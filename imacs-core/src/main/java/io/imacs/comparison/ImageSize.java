package io.imacs.comparison;

import java.util.Locale;

/** A working resolution in pixels, written HxW as the sidecars' inputSize is. */
public record ImageSize(int height, int width) {
    public ImageSize {
        if (height < 1 || width < 1) throw new IllegalArgumentException(height + "x" + width);
    }

    static ImageSize parse(String text) {
        String[] hw = text.toLowerCase(Locale.ROOT).split("x");
        if (hw.length != 2) throw new IllegalArgumentException(text);
        return new ImageSize(Integer.parseInt(hw[0].trim()), Integer.parseInt(hw[1].trim()));
    }

    @Override public String toString() { return height + "x" + width; }
}
