package io.imacs.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Reads image files (PNG, JPEG, BMP, GIF, TIFF through the JDK's ImageIO) into pixel space
 * and writes pixel images as PNG. Grey and alpha images become RGB (alpha is dropped).
 */
public final class ImageFiles {
    private ImageFiles() {}

    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

    public static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1));
    }

    /** Reads a file; throws {@link ImageReadException} with the file and reason when it cannot. */
    public static PixelImage read(Path file) {
        if (!Files.isReadable(file)) throw new ImageReadException(file, "file missing or not readable");
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new ImageReadException(file, "cannot decode: " + e.getMessage());
        }
        if (img == null) throw new ImageReadException(file, "not a supported image format (PNG, JPEG, BMP, GIF, TIFF)");
        return fromBuffered(img);
    }

    public static PixelImage fromBuffered(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight(), p = w * h;
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] chw = new float[3 * p];
        for (int i = 0; i < p; i++) {
            int v = argb[i];
            chw[i] = ((v >> 16) & 0xff) / 255f;
            chw[p + i] = ((v >> 8) & 0xff) / 255f;
            chw[2 * p + i] = (v & 0xff) / 255f;
        }
        return new PixelImage(w, h, chw);
    }

    public static BufferedImage toBuffered(PixelImage image) {
        int w = image.width(), h = image.height(), p = image.plane();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[p];
        float[] a = image.chw();
        for (int i = 0; i < p; i++) rgb[i] = (to8(a[i]) << 16) | (to8(a[p + i]) << 8) | to8(a[2 * p + i]);
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }

    public static void writePng(PixelImage image, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(toBuffered(image), "png", file.toFile());
    }

    private static int to8(float v) { return Math.max(0, Math.min(255, Math.round(v * 255f))); }

    /** An image file that cannot be used; names the file and the reason. */
    public static final class ImageReadException extends RuntimeException {
        private final Path file;
        private final String reason;
        public ImageReadException(Path file, String reason) { super(file + ": " + reason); this.file = file; this.reason = reason; }
        public Path file() { return file; }
        /** Why the file cannot be used, without the file name. */
        public String reason() { return reason; }
    }
}
