package io.imacs.attribution;

import io.imacs.image.ExclusionFill;
import io.imacs.image.ImageFiles;
import io.imacs.image.PixelImage;
import io.imacs.image.Resize;
import java.nio.file.Path;

/**
 * Integration baselines in pixel space. Each returns a {@link Baseline} that builds the baseline for an image;
 * blur and noise are the same images {@link ExclusionFill} makes for excluded segments.
 */
public final class Baselines {
    private Baselines() {}

    /** Builds the baseline image for an input image (same size). */
    @FunctionalInterface
    public interface Baseline {
        PixelImage of(PixelImage image);

        /** For the manifest, e.g. "black" or "blur sigma=4.0". */
        default String describe() { return "custom"; }
    }

    private record Named(String describe, java.util.function.UnaryOperator<PixelImage> f) implements Baseline {
        @Override public PixelImage of(PixelImage image) { return f.apply(image); }
    }

    public static Baseline black() { return new Named("black", i -> PixelImage.filled(i.width(), i.height(), 0f)); }

    public static Baseline white() { return new Named("white", i -> PixelImage.filled(i.width(), i.height(), 1f)); }

    /** The image Gaussian-blurred with standard deviation {@code sigma} pixels. */
    public static Baseline blurred(double sigma) {
        if (sigma <= 0) throw new IllegalArgumentException("the blurred baseline's sigma must be positive, got " + sigma);
        return new Named("blur sigma=" + sigma, i -> ExclusionFill.BLUR.fill(i, sigma, 0));
    }

    /** Uniform noise in [0,1]; the same seed gives the same noise for every image of a size. */
    public static Baseline uniformNoise(long seed) {
        return new Named("noise seed=" + seed, i -> ExclusionFill.NOISE.fill(i, 0, seed));
    }

    /** An image file, resized to each input's size; read once. */
    public static Baseline file(Path file) {
        PixelImage img = ImageFiles.read(file);
        return new Named("file " + file.getFileName(), i ->
            img.width() == i.width() && img.height() == i.height() ? img : Resize.bilinear(img, i.width(), i.height()));
    }

    /** Parses a CLI value: black, white, blur[:sigma], noise[:seed] or a path to an image file. */
    public static Baseline parse(String spec, long seed) {
        String s = spec.trim();
        if (s.equals("black")) return black();
        if (s.equals("white")) return white();
        // blur / noise with an optional ":value"; a file named blur.png or noise.jpg is a file
        if (s.equals("blur") || s.startsWith("blur:")) {
            double sigma;
            try {
                sigma = s.equals("blur") ? 8.0 : Double.parseDouble(s.substring(5));
            } catch (NumberFormatException e) {
                sigma = Double.NaN;
            }
            if (!(sigma > 0) || Double.isInfinite(sigma))
                throw new IllegalArgumentException("`baseline` " + spec + ": the blur sigma must be a positive number of pixels, e.g. blur:8");
            return blurred(sigma);
        }
        if (s.equals("noise") || s.startsWith("noise:")) {
            try {
                return uniformNoise(s.equals("noise") ? seed : Long.parseLong(s.substring(6)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("`baseline` " + spec + ": the noise seed must be an integer, e.g. noise:7");
            }
        }
        Path p = Path.of(s);
        if (!ImageFiles.isImage(p))
            throw new IllegalArgumentException("`baseline` must be black, white, blur[:sigma], noise[:seed] or an image file, not " + spec);
        return file(p);
    }
}
