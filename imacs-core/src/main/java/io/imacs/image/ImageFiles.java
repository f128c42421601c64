package io.imacs.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/**
 * Reads image files (PNG, JPEG, BMP, GIF, TIFF through the JDK's ImageIO) into pixel space
 * and writes pixel images as PNG. Grey and alpha images become RGB (alpha is dropped).
 *
 * <p>Reading is bounded in memory whatever the file claims: the size is read from the header first and
 * an image above {@link #MAX_PIXELS} is refused before any pixel is decoded, and concurrent decodes
 * (a comparison decodes on all cores) together hold at most half the heap (see {@link #read(Path, Function)}).
 * CMYK and YCCK JPEGs are converted to RGB as Pillow and libjpeg-based decoders do (Adobe's inverted CMYK,
 * no ICC profile); the JDK alone would give other colours.
 */
public final class ImageFiles {
    private ImageFiles() {}

    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

    /**
     * The largest image IMACS reads: 50 megapixels (e.g. 8660x5773), far above any classifier's input, below
     * which one decode needs at most about 1 GB of heap ({@link #BYTES_PER_PIXEL}). A larger file is refused
     * from its header, before decoding: in a comparison it is skipped with a warning, for {@code attribute} it is an error.
     */
    public static final long MAX_PIXELS = 50_000_000L;

    /** Heap bytes one decode holds per pixel, at most: the decoder's raster (up to 8, 16-bit RGBA) and the float RGB planes (12). */
    static final int BYTES_PER_PIXEL = 20;

    /** Concurrent decodes together hold at most this share of the maximum heap. */
    static final double DECODE_HEAP_SHARE = 0.5;

    private static final DecodeBudget BUDGET = new DecodeBudget((long) (Runtime.getRuntime().maxMemory() * DECODE_HEAP_SHARE));

    public static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1));
    }

    /** Reads a file; throws {@link ImageReadException} with the file and reason when it cannot. */
    public static PixelImage read(Path file) {
        return read(file, Function.identity());
    }

    /**
     * Reads a file and hands the full-size image to {@code use} (e.g. a resize to the working size) while the
     * decode's share of the heap is still held, so that concurrent callers never hold more than
     * {@link #DECODE_HEAP_SHARE} of the heap in full-size images. {@code use} must not read images itself.
     * Throws {@link ImageReadException} with the file and reason when the file cannot be used.
     */
    public static <T> T read(Path file, Function<PixelImage, T> use) {
        String badName = unreadableName(file);
        if (badName != null) throw new ImageReadException(file, badName);
        if (!Files.isReadable(file)) throw new ImageReadException(file, missingReason(file));
        DecodeBudget.Lease lease = null;
        PixelImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) throw new ImageReadException(file, "not a supported image format (PNG, JPEG, BMP, GIF, TIFF)");
            ImageReader reader = readers.next();
            try {
                boolean jpeg = "jpeg".equalsIgnoreCase(reader.getFormatName());
                reader.setInput(in, true, !jpeg); // a JPEG's markers tell CMYK and YCCK apart
                int w = reader.getWidth(0), h = reader.getHeight(0); // the header only: no pixel is decoded yet
                if (w <= 0 || h <= 0) throw new ImageReadException(file, "cannot decode: the header gives a size of " + w + "x" + h);
                long pixels = (long) w * h;
                if (pixels > MAX_PIXELS) throw new ImageReadException(file, tooLarge(w, h));
                lease = BUDGET.acquire(pixels * BYTES_PER_PIXEL);
                Cmyk cmyk = jpeg ? Cmyk.of(reader) : Cmyk.NONE;
                image = cmyk == Cmyk.NONE ? fromBuffered(reader.read(0)) : fromCmyk(reader.readRaster(0, null), cmyk == Cmyk.YCCK);
            } finally {
                reader.dispose();
            }
        } catch (ImageReadException e) {
            if (lease != null) lease.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            if (lease != null) lease.close();
            throw new ImageReadException(file, "cannot decode: " + e.getMessage());
        } catch (OutOfMemoryError e) { // one image within MAX_PIXELS, but a heap too small for it
            if (lease != null) lease.close();
            throw new ImageReadException(file, "not enough memory to decode it (the Java heap is "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB); give Java more, e.g. IMACS_JAVA_OPTS=-Xmx8g, or downscale the image");
        }
        try {
            return use.apply(image);
        } finally {
            lease.close();
        }
    }

    private static String tooLarge(int w, int h) {
        return String.format(Locale.ROOT, "%dx%d pixels (%.1f megapixels) is above IMACS's limit of %d megapixels per image; "
            + "downscale it (the models see it at their input size anyway)", w, h, (double) w * h / 1e6, MAX_PIXELS / 1_000_000);
    }

    /**
     * Why the path cannot be opened by name, or null when it can: a name whose bytes are not valid in the JVM's
     * file-name encoding (UTF-8 on most systems) is listed with U+FFFD in their place, and no file has that name,
     * so the JDK's image readers (which take a java.io.File) cannot open it. Names the directory to look in.
     */
    public static String unreadableName(Path file) {
        for (int i = 0; i < file.getNameCount(); i++) {
            Path part = file.getName(i);
            if (part.getFileSystem().getPath(part.toString()).equals(part)) continue;
            Path parent = i == 0 ? file.getRoot() : file.getRoot() == null ? file.subpath(0, i) : file.getRoot().resolve(file.subpath(0, i));
            String dir = parent == null ? "the current directory" : "directory " + parent;
            String which = i == file.getNameCount() - 1 ? "the file name" : "the name of a directory on the path";
            return which + " " + notDecodable() + " (read as '" + part + "'), so it cannot be opened by that name; rename it in " + dir;
        }
        return null;
    }

    private static String notDecodable() {
        String enc = System.getProperty("sun.jnu.encoding", "UTF-8");
        return enc.equalsIgnoreCase("UTF-8") || enc.equalsIgnoreCase("UTF8") ? "is not valid UTF-8"
            : "cannot be decoded in the JVM's file-name encoding " + enc + " (run it under a UTF-8 locale, e.g. LANG=C.UTF-8)";
    }

    private static String missingReason(Path file) {
        String reason = "file missing or not readable";
        if (file.getFileName() != null && file.getFileName().toString().indexOf('\uFFFD') >= 0) {
            Path dir = file.toAbsolutePath().getParent();
            reason += "; the name contains U+FFFD, the stand-in for bytes that are not valid UTF-8: if this file's name in directory "
                + dir + " is not valid UTF-8, rename it";
        }
        return reason;
    }

    /** The ink model of a JPEG: none (grey, YCbCr, RGB), CMYK or YCCK (Adobe APP14 transform 2). */
    private enum Cmyk {
        NONE, CMYK, YCCK;

        static Cmyk of(ImageReader reader) {
            IIOMetadata md;
            try {
                md = reader.getImageMetadata(0);
            } catch (IOException | RuntimeException e) {
                return NONE; // no markers to go by: decode as ImageIO would
            }
            if (md == null) return NONE;
            Node root;
            try {
                root = md.getAsTree("javax_imageio_jpeg_image_1.0");
            } catch (IllegalArgumentException e) {
                return NONE;
            }
            Node sof = find(root, "sof"), adobe = find(root, "app14Adobe");
            if (sof == null || !"4".equals(attribute(sof, "numFrameComponents"))) return NONE;
            return adobe != null && "2".equals(attribute(adobe, "transform")) ? YCCK : CMYK;
        }

        private static Node find(Node n, String name) {
            if (name.equals(n.getNodeName())) return n;
            for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
                Node f = find(c, name);
                if (f != null) return f;
            }
            return null;
        }

        private static String attribute(Node n, String name) {
            Node a = n.getAttributes() == null ? null : n.getAttributes().getNamedItem(name);
            return a == null ? null : a.getNodeValue();
        }
    }

    /**
     * RGB from a 4-channel JPEG's raw components. Values are taken in Adobe's convention (inverted: 255 = no ink),
     * which Photoshop writes and Pillow assumes for every CMYK JPEG; YCCK is first turned into that CMYK as libjpeg
     * does. Each channel is then (1 - C)(1 - K) in ink fractions, Pillow's conversion (no ICC profile).
     */
    static PixelImage fromCmyk(Raster raster, boolean ycck) {
        int w = raster.getWidth(), h = raster.getHeight(), p = w * h;
        float[] chw = new float[3 * p];
        int[] row = new int[4 * w];
        int x0 = raster.getMinX(), y0 = raster.getMinY();
        for (int y = 0; y < h; y++) {
            raster.getPixels(x0, y0 + y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int c = row[4 * x], m = row[4 * x + 1], ye = row[4 * x + 2], k = row[4 * x + 3];
                if (ycck) { // libjpeg's ycck_cmyk_convert: YCbCr to RGB, then inverted CMY = 255 - RGB
                    double luma = c, cb = m - 128, cr = ye - 128;
                    c = 255 - clamp8(luma + 1.402 * cr);
                    m = 255 - clamp8(luma - 0.344136 * cb - 0.714136 * cr);
                    ye = 255 - clamp8(luma + 1.772 * cb);
                }
                int i = y * w + x;
                float white = k / (255f * 255f);
                chw[i] = c * white;
                chw[p + i] = m * white;
                chw[2 * p + i] = ye * white;
            }
        }
        return new PixelImage(w, h, chw);
    }

    private static int clamp8(double v) { return (int) Math.max(0, Math.min(255, Math.round(v))); }

    public static PixelImage fromBuffered(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight(), p = w * h;
        int[] argb = new int[w]; // row by row: no second full-size copy of a large image
        float[] chw = new float[3 * p];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int v = argb[x], i = y * w + x;
                chw[i] = ((v >> 16) & 0xff) / 255f;
                chw[p + i] = ((v >> 8) & 0xff) / 255f;
                chw[2 * p + i] = (v & 0xff) / 255f;
            }
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
        Files.write(file, png(image));
    }

    /** The image as PNG bytes (the same bytes for the same pixels), e.g. to keep a tile in the result cache. */
    public static byte[] png(PixelImage image) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            // an explicit in-memory stream: ImageIO.write(image, "png", OutputStream) may spill to a temporary file
            try (javax.imageio.stream.ImageOutputStream out = new javax.imageio.stream.MemoryCacheImageOutputStream(bytes)) {
                if (!ImageIO.write(toBuffered(image), "png", out)) throw new IllegalStateException("this JVM has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    private static int to8(float v) { return Math.max(0, Math.min(255, Math.round(v * 255f))); }

    /**
     * The heap that concurrent decodes may hold, in KiB. A decode larger than the whole budget waits until it
     * can take all of it, so it runs alone. Fair, so a large image is not starved by a stream of small ones.
     */
    private static final class DecodeBudget {
        private final Semaphore kib;
        private final int total;

        DecodeBudget(long bytes) {
            total = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes >> 10));
            kib = new Semaphore(total, true);
        }

        Lease acquire(long bytes) {
            int n = (int) Math.max(1, Math.min(total, (bytes + 1023) >> 10));
            kib.acquireUninterruptibly(n);
            return new Lease(n);
        }

        final class Lease implements AutoCloseable {
            private int held;
            Lease(int held) { this.held = held; }
            @Override public void close() {
                if (held > 0) kib.release(held);
                held = 0;
            }
        }
    }

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
