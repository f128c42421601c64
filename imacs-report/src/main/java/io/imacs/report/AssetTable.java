package io.imacs.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The report's images as base64 data URIs, each file (and each distinct content) stored once and referenced by its index from the JS data,
 * so a thumbnail shared by five segments costs its bytes once.
 */
final class AssetTable {
    private final Path root;
    private final List<String> uris = new ArrayList<>();
    private final List<int[]> sizes = new ArrayList<>();
    private final Map<Path, Integer> index = new HashMap<>();
    private final Map<String, Integer> byContent = new HashMap<>();

    AssetTable(Path outDir) {
        this.root = outDir.toAbsolutePath().normalize();
    }

    /**
     * Index of the image at {@code relative} (a path under the output directory), adding it on first use.
     * @param what names the referring record in error messages, e.g. "tile of segment 12"
     */
    int add(String relative, String what) {
        Path file = resolve(relative, what);
        Integer known = index.get(file);
        if (known != null) return known;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (" + what + ")", e);
        }
        String uri = "data:" + mime(file) + ";base64," + Base64.getEncoder().encodeToString(bytes);
        // identical files (e.g. two plain-coloured tiles) are stored once too
        Integer same = byContent.get(uri);
        if (same == null) {
            uris.add(uri);
            sizes.add(dimensions(file, bytes));
            same = uris.size() - 1;
            byContent.put(uri, same);
        }
        index.put(file, same);
        return same;
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Width and height in pixels of asset {@code id}, or {0, 0} when the format cannot be read by ImageIO. */
    int[] size(int id) {
        return sizes.get(id);
    }

    List<String> uris() {
        return uris;
    }

    private Path resolve(String relative, String what) {
        if (relative == null || relative.isBlank())
            throw new IllegalArgumentException("the result has no image path for the " + what
                + "; the report needs the run's tiles/ and images/ folders");
        Path file = root.resolve(relative).normalize();
        // a result.json must not pull files from outside its own output directory into a report that may be shared
        if (!file.startsWith(root))
            throw new IllegalArgumentException("image path '" + relative + "' of the " + what
                + " points outside the output directory " + root + "; use the run's own output directory");
        if (!Files.isRegularFile(file))
            throw new IllegalArgumentException("image file " + file + " (" + what + ") is missing; pass the run's own "
                + "output directory (the one holding result.json, tiles/ and images/) or re-run the comparison");
        return file;
    }

    private static String mime(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) return "image/jpeg";
        if (n.endsWith(".gif")) return "image/gif";
        if (n.endsWith(".webp")) return "image/webp";
        if (n.endsWith(".bmp")) return "image/bmp";
        return "image/png";
    }

    /**
     * Reads only the header: the report needs each thumbnail's pixel size to place segment boxes. A PNG's (every tile
     * and thumbnail a run writes) is read from its IHDR chunk directly, so a cached rerun never starts ImageIO.
     */
    private static int[] dimensions(Path file, byte[] bytes) {
        if (bytes.length >= 24 && java.util.Arrays.equals(bytes, 0, 8, PNG_SIGNATURE, 0, 8)
            && bytes[12] == 'I' && bytes[13] == 'H' && bytes[14] == 'D' && bytes[15] == 'R') {
            java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(bytes, 16, 8); // big-endian width, height
            return new int[] {header.getInt(), header.getInt()};
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) return new int[] {0, 0};
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) return new int[] {0, 0};
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            return new int[] {0, 0};
        }
    }
}
