package io.imacs.cli.attribute;

import io.imacs.fixtures.NpyReader;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {
    @TempDir Path tmp;

    @Test void roundTripsShapeAndValuesExactly() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        float[] data = new float[3 * 5 * 4];
        for (int i = 0; i < data.length; i++) data[i] = (float) (r.nextDouble() * 2e3 - 1e3);
        data[0] = Float.MIN_VALUE;
        data[1] = -0f;
        data[2] = Float.MAX_VALUE;
        Path f = tmp.resolve("a.npy");
        NpyWriter.writeFloat32(f, data, 3, 5, 4);
        NpyReader back = NpyReader.read(f);
        assertArrayEquals(new int[] {3, 5, 4}, back.shape());
        for (int i = 0; i < data.length; i++)
            assertEquals(Float.floatToRawIntBits(data[i]), Float.floatToRawIntBits(back.values()[i]), "value " + i);
    }

    @Test void dataStartsOn64ByteBoundaryForEveryRank() throws Exception {
        for (int[] shape : new int[][] {{7}, {2, 3}, {1, 1, 1}, {3, 224, 224}, {0}}) {
            int n = java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            Path f = tmp.resolve("s" + shape.length + "_" + n + ".npy");
            NpyWriter.writeFloat32(f, new float[n], shape);
            NpyReader back = NpyReader.read(f);
            assertEquals(0, back.headerBytes() % 64, "header bytes " + back.headerBytes());
            assertArrayEquals(shape, back.shape());
            assertEquals(back.headerBytes() + 4L * n, Files.size(f));
        }
    }

    @Test void oneDimensionalShapeIsATuple() {
        String h = new String(NpyWriter.header(4, 4), java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(h.contains("'shape': (4,)"), h);
    }

    @Test void shapeMustMatchTheData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpyWriter.writeFloat32(tmp.resolve("x.npy"), new float[5], 2, 3));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
    }
}
