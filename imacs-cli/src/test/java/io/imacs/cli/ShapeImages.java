package io.imacs.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * Evaluation sets of any size in the fixtures' style (fixtures/make_fixtures.py, {@code draw}): 32x32 RGB PNGs of a
 * circle, square or stripes in a random colour on a noisy background of another, half of them with a 6x6 magenta
 * marker in a corner, listed in {@code labels.csv} (path,label,marker). Image {@code i} is drawn from its own seeded
 * generator, so a set is the same files whatever the thread count, and a larger set starts with a smaller one's images.
 * Run as a program to write a set: {@code java -cp imacs-cli/target/test-classes io.imacs.cli.ShapeImages DIR COUNT [SEED]}.
 */
final class ShapeImages {
    static final List<String> CLASSES = List.of("circle", "square", "stripes");
    private static final int SIZE = 32, MARKER = 6;

    private ShapeImages() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ShapeImages DIR COUNT [SEED]");
            System.exit(2);
        }
        Path csv = write(Path.of(args[0]), Integer.parseInt(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 100);
        System.out.println("wrote " + csv);
    }

    /** Writes {@code count} images (classes in turn) under {@code dir}/&lt;class&gt;/ and their manifest; returns the CSV's path. */
    static Path write(Path dir, int count, long seed) {
        try {
            for (String c : CLASSES) Files.createDirectories(dir.resolve(c));
            IntStream.range(0, count).parallel().forEach(i -> png(draw(new Random(seed * 1_000_003L + i), i % CLASSES.size()), dir.resolve(path(i))));
            StringBuilder rows = new StringBuilder("path,label,marker\n");
            for (int i = 0; i < count; i++)
                rows.append(path(i)).append(',').append(CLASSES.get(i % CLASSES.size())).append(',').append(marked(seed, i) ? "yes" : "no").append('\n');
            Path csv = dir.resolve("labels.csv");
            Files.writeString(csv, rows);
            return csv;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(int i) {
        String c = CLASSES.get(i % CLASSES.size());
        return c + "/" + c + String.format("_%06d.png", i);
    }

    /** Whether image {@code i} carries the marker: its generator's first draw, as in {@link #draw}. */
    private static boolean marked(long seed, int i) { return new Random(seed * 1_000_003L + i).nextDouble() < 0.5; }

    /** One image: as make_fixtures.py's draw (same shapes, sizes and colour rules), from java.util.Random. */
    static BufferedImage draw(Random rng, int label) {
        boolean marker = rng.nextDouble() < 0.5;
        float[] bg = colour(rng, null), fg = colour(rng, bg);
        float[][][] img = new float[SIZE][SIZE][3];
        for (int y = 0; y < SIZE; y++)
            for (int x = 0; x < SIZE; x++)
                for (int c = 0; c < 3; c++) img[y][x][c] = bg[c] + (float) (rng.nextGaussian() * 0.04);
        double r = 3 + 6 * rng.nextDouble(), cy = r + 1 + rng.nextDouble() * (SIZE - 2 * r - 2), cx = r + 1 + rng.nextDouble() * (SIZE - 2 * r - 2);
        int s = 5 + rng.nextInt(11), sy = 1 + rng.nextInt(SIZE - s - 2), sx = 1 + rng.nextInt(SIZE - s - 2);
        int h = 10 + rng.nextInt(12), w = 10 + rng.nextInt(12), by = 1 + rng.nextInt(SIZE - h - 2), bx = 1 + rng.nextInt(SIZE - w - 2);
        int period = 3 + rng.nextInt(3);
        boolean rows = rng.nextBoolean();
        for (int y = 0; y < SIZE; y++)
            for (int x = 0; x < SIZE; x++) {
                boolean in = switch (label) {
                    case 0 -> (y - cy) * (y - cy) + (x - cx) * (x - cx) <= r * r;
                    case 1 -> y >= sy && y < sy + s && x >= sx && x < sx + s;
                    default -> y >= by && y < by + h && x >= bx && x < bx + w && (rows ? y : x) % period < period / 2 + 1;
                };
                if (in) img[y][x] = fg.clone();
            }
        if (marker) {
            int corner = rng.nextInt(4), y0 = corner < 2 ? 1 : SIZE - MARKER - 1, x0 = corner % 2 == 0 ? 1 : SIZE - MARKER - 1;
            for (int y = y0; y < y0 + MARKER; y++) for (int x = x0; x < x0 + MARKER; x++) img[y][x] = new float[] {1, 0, 1};
        }
        BufferedImage out = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIZE; y++)
            for (int x = 0; x < SIZE; x++) out.setRGB(x, y, u8(img[y][x][0]) << 16 | u8(img[y][x][1]) << 8 | u8(img[y][x][2]));
        return out;
    }

    /** A colour far enough from {@code avoid} to be visible, and never magenta-like (the marker's). */
    private static float[] colour(Random rng, float[] avoid) {
        while (true) {
            float[] c = {rng.nextFloat(), rng.nextFloat(), rng.nextFloat()};
            boolean magentaLike = c[0] > 0.7 && c[2] > 0.7 && c[1] < 0.3;
            if (!magentaLike && (avoid == null || Math.abs(c[0] - avoid[0]) + Math.abs(c[1] - avoid[1]) + Math.abs(c[2] - avoid[2]) > 0.8)) return c;
        }
    }

    private static int u8(float v) { return Math.round(Math.max(0, Math.min(1, v)) * 255); }

    private static void png(BufferedImage image, Path file) {
        try {
            if (!ImageIO.write(image, "png", file.toFile())) throw new IOException("no PNG writer");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
