package io.imacs.cache;

import io.imacs.cluster.Clustering;
import io.imacs.rank.Ranking;
import io.imacs.result.MeanDifference;
import io.imacs.score.ShapleyValues;
import io.imacs.segment.Segment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Bit-exact binary encodings of the cached values (raw IEEE bits, so a cached number is the computed
 * number). Each encoding starts with a format byte; an unknown one reads as a miss, not garbage.
 */
public final class CacheValues {
    private CacheValues() {}

    private static final byte FLOATS = 1, DOUBLES = 2, SHAPLEY = 3, INTS = 4, SEGMENT = 5, RANKING = 6, CLUSTERING = 7, DIFFERENCE = 8;

    public static byte[] floats(float[] v) {
        return write(o -> { o.writeByte(FLOATS); writeFloats(o, v); });
    }

    public static float[] floats(byte[] b) {
        return read(b, FLOATS, CacheValues::readFloats);
    }

    public static byte[] doubles(double[] v) {
        return write(o -> { o.writeByte(DOUBLES); writeDoubles(o, v); });
    }

    public static double[] doubles(byte[] b) {
        return read(b, DOUBLES, CacheValues::readDoubles);
    }

    /** A segment ranking with the path steps and completeness gap behind it (an auto run's steps differ per image). */
    public static byte[] ranking(Ranking r) {
        return write(o -> {
            o.writeByte(RANKING);
            writeDoubles(o, r.scores());
            o.writeInt(r.steps());
            o.writeLong(Double.doubleToRawLongBits(r.gap()));
        });
    }

    public static Ranking ranking(byte[] b) {
        return read(b, RANKING, in -> new Ranking(readDoubles(in), in.readInt(), Double.longBitsToDouble(in.readLong())));
    }

    public static byte[] ints(int[] v) {
        return write(o -> {
            o.writeByte(INTS);
            o.writeInt(v.length);
            for (int x : v) o.writeInt(x);
        });
    }

    public static int[] ints(byte[] b) {
        return read(b, INTS, in -> {
            int[] v = new int[in.readInt()];
            for (int i = 0; i < v.length; i++) v[i] = in.readInt();
            return v;
        });
    }

    public static byte[] shapley(ShapleyValues s) {
        return write(o -> {
            o.writeByte(SHAPLEY);
            o.writeInt(s.values().length);
            for (double[] v : s.values()) writeDoubles(o, v);
            for (double[] v : s.standardError()) writeDoubles(o, v);
            writeDoubles(o, s.full());
            writeDoubles(o, s.empty());
            o.writeInt(s.evaluations());
        });
    }

    public static ShapleyValues shapley(byte[] b) {
        return read(b, SHAPLEY, in -> {
            int k = in.readInt();
            double[][] values = new double[k][], se = new double[k][];
            for (int c = 0; c < k; c++) values[c] = readDoubles(in);
            for (int c = 0; c < k; c++) se[c] = readDoubles(in);
            return new ShapleyValues(values, se, readDoubles(in), readDoubles(in), in.readInt());
        });
    }

    /** A segment: index, size, box and mask (one bit a pixel), exactly as the segmenter made it. */
    public static byte[] segment(Segment s) {
        return write(o -> {
            o.writeByte(SEGMENT);
            o.writeInt(s.index());
            o.writeInt(s.width());
            o.writeInt(s.height());
            for (int v : new int[] {s.box().x(), s.box().y(), s.box().w(), s.box().h()}) o.writeInt(v);
            java.util.BitSet bits = new java.util.BitSet(s.mask().length);
            for (int i = 0; i < s.mask().length; i++) if (s.mask()[i]) bits.set(i);
            byte[] packed = bits.toByteArray();
            o.writeInt(packed.length);
            o.write(packed);
        });
    }

    public static Segment segment(byte[] b) {
        return read(b, SEGMENT, in -> {
            int index = in.readInt(), width = in.readInt(), height = in.readInt();
            io.imacs.segment.Box box = new io.imacs.segment.Box(in.readInt(), in.readInt(), in.readInt(), in.readInt());
            byte[] packed = new byte[in.readInt()];
            in.readFully(packed);
            java.util.BitSet bits = java.util.BitSet.valueOf(packed);
            boolean[] mask = new boolean[width * height];
            for (int i = bits.nextSetBit(0); i >= 0 && i < mask.length; i = bits.nextSetBit(i + 1)) mask[i] = true;
            return new Segment(index, width, height, mask, box);
        });
    }

    public static byte[] clustering(Clustering c) {
        return write(o -> {
            o.writeByte(CLUSTERING);
            o.writeInt(c.assignment().length);
            for (int x : c.assignment()) o.writeInt(x);
            writeDoubles(o, c.distance());
            o.writeInt(c.centroids().length);
            for (double[] v : c.centroids()) writeDoubles(o, v);
            o.writeLong(Double.doubleToRawLongBits(c.inertia()));
        });
    }

    public static Clustering clustering(byte[] b) {
        return read(b, CLUSTERING, in -> {
            int[] assignment = new int[in.readInt()];
            for (int i = 0; i < assignment.length; i++) assignment[i] = in.readInt();
            double[] distance = readDoubles(in);
            double[][] centroids = new double[in.readInt()][];
            for (int c = 0; c < centroids.length; c++) centroids[c] = readDoubles(in);
            return new Clustering(assignment, distance, centroids, Double.longBitsToDouble(in.readLong()));
        });
    }

    public static byte[] difference(MeanDifference d) {
        return write(o -> {
            o.writeByte(DIFFERENCE);
            writeDoubles(o, new double[] {d.estimate(), d.low(), d.high(), d.standardError(), d.pValue()});
            o.writeInt(d.resamples());
        });
    }

    public static MeanDifference difference(byte[] b) {
        return read(b, DIFFERENCE, in -> {
            double[] v = readDoubles(in);
            return new MeanDifference(v[0], v[1], v[2], v[3], v[4], in.readInt());
        });
    }

    private interface Writer { void write(DataOutputStream o) throws IOException; }

    private interface Reader<T> { T read(DataInputStream in) throws IOException; }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream o = new DataOutputStream(bytes)) {
            w.write(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory stream: cannot happen
        }
        return bytes.toByteArray();
    }

    /** The decoded value, or null when the bytes are absent or of another format. */
    private static <T> T read(byte[] b, byte format, Reader<T> r) {
        if (b == null || b.length == 0 || b[0] != format) return null;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b, 1, b.length - 1))) {
            return r.read(in);
        } catch (IOException e) {
            return null; // truncated: treat as a miss and recompute
        }
    }

    private static void writeFloats(DataOutputStream o, float[] v) throws IOException {
        o.writeInt(v.length);
        for (float x : v) o.writeInt(Float.floatToRawIntBits(x));
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] v = new float[in.readInt()];
        for (int i = 0; i < v.length; i++) v[i] = Float.intBitsToFloat(in.readInt());
        return v;
    }

    private static void writeDoubles(DataOutputStream o, double[] v) throws IOException {
        o.writeInt(v.length);
        for (double x : v) o.writeLong(Double.doubleToRawLongBits(x));
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        double[] v = new double[in.readInt()];
        for (int i = 0; i < v.length; i++) v[i] = Double.longBitsToDouble(in.readLong());
        return v;
    }
}
