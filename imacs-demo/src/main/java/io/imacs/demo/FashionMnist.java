package io.imacs.demo;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reader for Fashion-MNIST as Debian's {@code dataset-fashion-mnist} installs it: gzipped IDX files
 * (magic 2051 for images, 2049 for labels, big-endian counts), grey 28x28 bytes.
 *
 * @param trainImages grey pixels of the training images, {@code rows*cols} bytes each
 * @param testImages  grey pixels of the t10k images
 */
public record FashionMnist(Idx trainImages, byte[] trainLabels, Idx testImages, byte[] testLabels) {

    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final List<String> CLASSES = List.of("tshirt_top", "trouser", "pullover", "dress", "coat",
        "sandal", "shirt", "sneaker", "bag", "ankle_boot");

    /** One IDX image file: {@code count} images of {@code rows x cols} unsigned bytes, row-major. */
    public record Idx(int count, int rows, int cols, byte[] pixels) {
        public int unsigned(int image, int y, int x) { return pixels[(image * rows + y) * cols + x] & 0xff; }
    }

    public static boolean isInstalled(Path dir) {
        return Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz")) && Files.isRegularFile(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    }

    /** Reads all four files from {@code dir}; a missing file names the Debian package to install. */
    public static FashionMnist load(Path dir) {
        FashionMnist f = new FashionMnist(images(dir.resolve("train-images-idx3-ubyte.gz")), labels(dir.resolve("train-labels-idx1-ubyte.gz")),
            images(dir.resolve("t10k-images-idx3-ubyte.gz")), labels(dir.resolve("t10k-labels-idx1-ubyte.gz")));
        if (f.trainImages.count() != f.trainLabels.length || f.testImages.count() != f.testLabels.length)
            throw new IllegalArgumentException(dir + ": image and label counts differ; reinstall with `apt-get install --reinstall dataset-fashion-mnist`");
        return f;
    }

    static Idx images(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 2051) throw new IllegalArgumentException(file + ": not an IDX image file (magic " + magic + ", expected 2051)");
            int n = in.readInt(), rows = in.readInt(), cols = in.readInt();
            byte[] px = new byte[Math.multiplyExact(Math.multiplyExact(n, rows), cols)];
            in.readFully(px);
            return new Idx(n, rows, cols, px);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    static byte[] labels(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 2049) throw new IllegalArgumentException(file + ": not an IDX label file (magic " + magic + ", expected 2049)");
            byte[] labels = new byte[in.readInt()];
            in.readFully(labels);
            return labels;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file))
            throw new IllegalArgumentException(file + " is missing: install Fashion-MNIST with `apt-get install dataset-fashion-mnist` "
                + "or point the demo at a directory holding the four gzipped IDX files");
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw, 1 << 16)));
    }
}
