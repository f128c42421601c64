package io.imacs.segment;

import boofcv.factory.segmentation.ConfigFh04;
import boofcv.factory.segmentation.FactoryImageSegmentation;
import boofcv.struct.ConnectRule;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.ImageType;
import io.imacs.image.GaussianBlur;
import io.imacs.image.PixelImage;
import java.util.List;

/**
 * Felzenszwalb-Huttenlocher graph segmentation through BoofCV. As scikit-image's {@code felzenszwalb}
 * (which XRAI uses): the image is smoothed with {@code sigma}, colours are scaled to [-1, 1],
 * {@code scale} is the merge threshold k (larger = bigger regions), regions smaller than
 * {@code minSize} pixels are merged into a neighbour.
 */
public record FelzenszwalbSegmenter(double scale, double sigma, int minSize) implements Segmenter {
    public FelzenszwalbSegmenter {
        if (scale <= 0) throw new IllegalArgumentException("Felzenszwalb scale must be positive, got " + scale);
        if (sigma < 0) throw new IllegalArgumentException("Felzenszwalb sigma must be non-negative, got " + sigma);
        if (minSize < 1) throw new IllegalArgumentException("Felzenszwalb minimum size must be at least 1, got " + minSize);
    }

    /** Per-pixel labels (not necessarily consecutive). */
    public int[] labels(PixelImage image) {
        PixelImage smooth = sigma > 0 ? GaussianBlur.apply(image, sigma) : image;
        var alg = FactoryImageSegmentation.fh04(new ConfigFh04((float) scale, minSize, ConnectRule.EIGHT, 2000), ImageType.pl(3, GrayF32.class));
        return BoofImages.labels(alg, BoofImages.planar(smooth, -1, 1));
    }

    @Override public List<Segment> segment(PixelImage image) {
        return LabelSegments.of(labels(image), image.width(), image.height());
    }

    @Override public String describe() { return "felzenszwalb scale=" + scale + " sigma=" + sigma + " min_size=" + minSize; }
}
