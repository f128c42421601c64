package io.imacs.cluster;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KMeansTest {
    /** Three well-separated directions (k-means runs on normalised vectors) with noise. */
    private static float[][] blobs(int perBlob, long seed) {
        float[][] centres = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 1}};
        Random r = new Random(seed);
        float[][] out = new float[3 * perBlob][];
        for (int b = 0; b < 3; b++)
            for (int i = 0; i < perBlob; i++) {
                float[] v = centres[b].clone();
                for (int d = 0; d < v.length; d++) v[d] += (float) (0.05 * r.nextGaussian());
                float scale = 0.5f + r.nextFloat() * 3; // length must not matter
                for (int d = 0; d < v.length; d++) v[d] *= scale;
                out[b * perBlob + i] = v;
            }
        return out;
    }

    @Test void separatesSeparableData() {
        float[][] x = blobs(30, 1);
        Clustering c = new KMeans(3, 5, 100, 42).fit(x);
        for (int b = 0; b < 3; b++)
            for (int i = 1; i < 30; i++) assertEquals(c.assignment()[b * 30], c.assignment()[b * 30 + i], "blob " + b + " split");
        assertNotEquals(c.assignment()[0], c.assignment()[30]);
        assertNotEquals(c.assignment()[30], c.assignment()[60]);
        assertNotEquals(c.assignment()[0], c.assignment()[60]);
        // ids follow the smallest member index, so the first point is always in cluster 0
        assertEquals(0, c.assignment()[0]);
        for (double d : c.distance()) assertTrue(d < 0.2, "distance to centroid " + d);
    }

    @Test void sameSeedSameClusters() {
        float[][] x = blobs(20, 7);
        Clustering a = new KMeans(4, 3, 100, 9).fit(x), b = new KMeans(4, 3, 100, 9).fit(x);
        assertArrayEquals(a.assignment(), b.assignment());
        assertArrayEquals(a.distance(), b.distance());
    }

    @Test void tooFewPointsIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KMeans(5, 1, 10, 0).fit(new float[3][2]));
        assertTrue(e.getMessage().contains("--clusters 5"), e.getMessage());
    }
}
