package io.imacs.cli.attribute;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes float arrays as NumPy {@code .npy} files, format version 1.0, little-endian float32
 * ({@code '<f4'}), C order, so {@code numpy.load} reads them with no extra arguments.
 */
public final class NpyWriter {
    private NpyWriter() {}

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy pads the header so the data starts on a 64-byte boundary. */
    static final int ALIGN = 64;

    /** Writes {@code data} with the given C-order {@code shape}; the shape's product must be the data's length. */
    public static void writeFloat32(Path file, float[] data, int... shape) throws IOException {
        byte[] header = header(data.length, shape);
        ByteBuffer body = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        body.asFloatBuffer().put(data);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header);
            out.write(body.array());
        }
    }

    /** Magic, version, header length and the padded header dictionary. */
    static byte[] header(int length, int... shape) {
        if (shape.length == 0) throw new IllegalArgumentException("npy shape must have at least one dimension");
        long product = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("npy shape " + Arrays.toString(shape) + " has a negative dimension");
            product *= d;
        }
        if (product != length) throw new IllegalArgumentException("npy shape " + Arrays.toString(shape) + " holds " + product + " values, data has " + length);
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + (shape.length == 1 ? "," : "") + "), }";
        int prefix = MAGIC.length + 2 + 2;
        int total = prefix + dict.length() + 1;   // + the closing newline
        int padded = (total + ALIGN - 1) / ALIGN * ALIGN;
        String text = dict + " ".repeat(padded - total) + "\n";
        if (text.length() > 0xFFFF) throw new IllegalArgumentException("npy header too long for format 1.0: " + shape.length + " dimensions");
        ByteBuffer b = ByteBuffer.allocate(prefix + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length()).put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }
}
