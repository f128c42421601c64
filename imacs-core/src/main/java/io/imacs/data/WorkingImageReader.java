package io.imacs.data;

import io.imacs.image.ImageFiles;
import io.imacs.image.PixelImage;
import io.imacs.image.Resize;
import java.util.List;

/**
 * Reads evaluation images at the run's working resolution. All stages see images at this size;
 * each model adapter resizes to its own input.
 */
public record WorkingImageReader(int width, int height) {

    public PixelImage read(EvalImage image) {
        return ImageFiles.read(image.file(), full -> Resize.bilinear(full, width, height));
    }

    /**
     * Decoded or failed, in input order; decoding runs on all cores, each full-size image resized before its
     * share of the heap is given back ({@link ImageFiles#read(java.nio.file.Path, java.util.function.Function)}).
     */
    public List<Decoded> readAll(List<EvalImage> images) {
        return images.parallelStream().map(this::tryRead).toList();
    }

    private Decoded tryRead(EvalImage image) {
        try {
            return ImageFiles.read(image.file(), full -> new Decoded(image, Resize.bilinear(full, width, height), full.width(), full.height(), null));
        } catch (ImageFiles.ImageReadException e) {
            return new Decoded(image, null, 0, 0, e.reason());
        }
    }

    /** One image after decoding: pixels at working size and original size, or the reason it failed. */
    public record Decoded(EvalImage image, PixelImage pixels, int originalWidth, int originalHeight, String error) {
        public boolean ok() { return error == null; }
    }
}
