package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.cache.CacheKey;
import io.imacs.cache.CacheValues;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCacheTest {
    @TempDir Path tmp;

    @Test void valuesSurviveReopeningBitForBit() {
        CacheKey k = CacheKey.of("prediction", "model", "image", 32, 32);
        float[] v = {0.1f, Float.MIN_VALUE, -0.0f, 1f / 3};
        try (SqliteCache c = SqliteCache.open(tmp, "--cache")) {
            assertNull(c.get(k));
            c.putAll(Map.of(k, CacheValues.floats(v)));
        }
        try (SqliteCache c = SqliteCache.open(tmp, "--cache")) {
            assertArrayEquals(v, CacheValues.floats(c.get(k)));
            assertNull(c.get(CacheKey.of("prediction", "model", "image", 32, 33)), "another working size is another value");
            assertArrayEquals(new int[] {1, 1}, c.lookups().get("prediction"));
        }
    }

    @Test void aFailedWriteLeavesNoneOfItsEntries() {
        Map<CacheKey, byte[]> entries = new LinkedHashMap<>();
        entries.put(CacheKey.of("shapley", "a"), CacheValues.doubles(new double[] {1}));
        entries.put(CacheKey.of("shapley", "b"), null); // violates NOT NULL after the first row is written
        try (SqliteCache c = SqliteCache.open(tmp, "--cache")) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> c.putAll(entries));
            assertTrue(e.getMessage().contains(SqliteCache.FILE), e.getMessage());
            assertNull(c.get(CacheKey.of("shapley", "a")), "the transaction was rolled back as a whole");
        }
    }

    @Test void anUnusableCacheDirectoryNamesTheOption() throws Exception {
        Path file = java.nio.file.Files.writeString(tmp.resolve("plain-file"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqliteCache.open(file, "--cache"));
        assertTrue(e.getMessage().startsWith("--cache " + file), e.getMessage());
    }
}
