package io.imacs.attribution.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny, independent .npy (v1.0, '<f4', C order) reader for tests: parses the header as NumPy
 * documents it, not by calling the writer's code.
 */
public record NpyReader(int[] shape, float[] values, int headerBytes) {
    private static final Pattern SHAPE = Pattern.compile("'shape': \\(([0-9, ]*)\\)");

    public static NpyReader read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        b.get(magic);
        if (!Arrays.equals(magic, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})) throw new IOException(file + ": not an npy file");
        int major = b.get(), minor = b.get();
        if (major != 1 || minor != 0) throw new IOException(file + ": npy version " + major + "." + minor);
        int len = Short.toUnsignedInt(b.getShort());
        byte[] text = new byte[len];
        b.get(text);
        String header = new String(text, StandardCharsets.US_ASCII);
        if (!header.endsWith("\n")) throw new IOException("header does not end with a newline: " + header);
        if (!header.contains("'descr': '<f4'") || !header.contains("'fortran_order': False")) throw new IOException("unexpected header " + header);
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) throw new IOException("no shape in " + header);
        int[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        int n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        if (b.remaining() != 4 * n) throw new IOException("expected " + 4 * n + " data bytes, found " + b.remaining());
        float[] values = new float[n];
        b.asFloatBuffer().get(values);
        return new NpyReader(shape, values, 10 + len);
    }
}
