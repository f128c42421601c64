package io.imacs.segment;

import boofcv.factory.segmentation.ConfigSlic;
import boofcv.factory.segmentation.FactoryImageSegmentation;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.ImageType;
import io.imacs.image.PixelImage;
import java.util.List;

/**
 * SLIC superpixels (Achanta et al.) through BoofCV: about {@code segments} compact regions of similar
 * colour. Deterministic (no random initialisation). {@code compactness} is BoofCV's spatial weight
 * for colours in [0, 255]: larger values give more regular, grid-like regions.
 */
public record SlicSegmenter(int segments, float compactness, int iterations) implements Segmenter {
    public SlicSegmenter {
        if (segments < 1) throw new IllegalArgumentException("`slicSegments` must be at least 1, got " + segments);
        if (compactness <= 0) throw new IllegalArgumentException("SLIC compactness must be positive, got " + compactness);
        if (iterations < 1) throw new IllegalArgumentException("SLIC iterations must be at least 1, got " + iterations);
    }

    /** BoofCV's defaults: spatial weight 200, 10 iterations. */
    public SlicSegmenter(int segments) { this(segments, 200f, 10); }

    @Override public List<Segment> segment(PixelImage image) {
        if (segments > image.plane()) throw new IllegalArgumentException("`slicSegments` " + segments + " exceeds the pixels of " + image);
        ConfigSlic config = new ConfigSlic(segments, compactness);
        config.totalIterations = iterations;
        var alg = FactoryImageSegmentation.slic(config, ImageType.pl(3, GrayF32.class));
        return LabelSegments.of(BoofImages.labels(alg, BoofImages.planar(image, 0, 255)), image.width(), image.height());
    }

    @Override public String describe() { return "slic n=" + segments + " compactness=" + compactness + " iterations=" + iterations; }
}
