package io.imacs.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slices hold whole batches and, put back in order, the whole list; compare under spark-submit takes its master. */
class SliceTest {
    @Test void slicesStartAtWholeBatchesAndCoverTheList() {
        for (int n : new int[] {0, 1, 7, 32, 33, 120, 10_000})
            for (int batch : new int[] {1, 8, 32})
                for (int parts : new int[] {1, 2, 4, 80}) {
                    List<Integer> items = IntStream.range(0, n).boxed().toList();
                    List<Slice<Integer>> slices = Slice.of(items, batch, parts);
                    List<Integer> back = new ArrayList<>();
                    for (Slice<Integer> s : slices) {
                        assertEquals(0, s.first() % batch, "slice at " + s.first());
                        assertEquals(back.size(), s.first());
                        back.addAll(s.items());
                    }
                    assertEquals(items, back);
                    assertTrue(slices.size() <= Math.max(1, parts), n + " " + batch + " " + parts + ": " + slices.size());
                }
    }

    @Test void underSparkSubmitCompareTakesItsMaster() {
        assertArrayEquals(new String[] {"compare", "--out", "x", "--spark", "yarn"}, SparkCompare.withMaster(new String[] {"compare", "--out", "x"}, "yarn"));
        assertArrayEquals(new String[] {"compare", "--spark", "local[2]"}, SparkCompare.withMaster(new String[] {"compare", "--spark", "local[2]"}, "yarn"));
        assertArrayEquals(new String[] {"demo"}, SparkCompare.withMaster(new String[] {"demo"}, "yarn"));
        assertArrayEquals(new String[] {"compare"}, SparkCompare.withMaster(new String[] {"compare"}, null));
    }
}
