package io.imacs.rank;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The order of segments by score: total, and not changed by last-bit noise in the scores (issue 14, case 22). */
class SegmentRankerTopTest {
    @Test void scoresOneUlpApartOrderByIndex() {
        double m = 0.0123;
        // 1 ulp in double, and 1 ulp of the float the attribution map held
        assertArrayEquals(new int[] {0, 1}, SegmentRanker.top(new double[] {m, Math.nextUp(m)}, 2));
        assertArrayEquals(new int[] {0, 1}, SegmentRanker.top(new double[] {m, m + Math.ulp((float) m)}, 2));
        assertArrayEquals(new int[] {0, 1}, SegmentRanker.top(new double[] {Math.nextDown(m), m}, 2));
        // either way round, the same order: the noise cannot swap them
        assertArrayEquals(SegmentRanker.top(new double[] {Math.nextUp(m), m, 0.001}, 3), SegmentRanker.top(new double[] {m, Math.nextUp(m), 0.001}, 3));
    }

    @Test void nearZeroScoresTieAtTheImagesScale() {
        // background segments: noise around 0, far below the image's largest score
        assertArrayEquals(new int[] {2, 0, 1}, SegmentRanker.top(new double[] {1e-13, 3e-13, 1.0}, 3));
        assertArrayEquals(new int[] {2, 0, 1}, SegmentRanker.top(new double[] {-1e-13, 1e-13, 1.0}, 3), "-0 and +0 tie");
    }

    @Test void realDifferencesStillOrder() {
        assertArrayEquals(new int[] {1, 3, 0, 2}, SegmentRanker.top(new double[] {0.5, 1.0, -0.2, 0.99}, 4));
        assertArrayEquals(new int[] {1, 3}, SegmentRanker.top(new double[] {0.5, 1.0, -0.2, 0.99}, 2));
        assertArrayEquals(new int[] {0, 1, 2}, SegmentRanker.top(new double[] {0, 0, 0}, 5), "all zero: by index");
        assertArrayEquals(new int[] {1, 0}, SegmentRanker.top(new double[] {-2e-6, -1e-6}, 2), "all negative, still by value");
    }
}
