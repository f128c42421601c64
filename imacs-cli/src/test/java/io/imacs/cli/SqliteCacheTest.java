package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.cache.CacheKey;
import io.imacs.cache.CacheValues;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    @Test void manyKeysAtOnceAnswerAsOneByOne() {
        Map<CacheKey, byte[]> stored = new LinkedHashMap<>();
        List<CacheKey> asked = new ArrayList<>();
        for (int i = 0; i < 2 * SqliteCache.KEYS_PER_QUERY + 7; i++) { // three queries per kind
            CacheKey p = CacheKey.of("prediction", "model", i), e = CacheKey.of("embedding", "model", i);
            if (i % 3 != 0) stored.put(p, CacheValues.ints(new int[] {i}));
            if (i % 2 == 0) stored.put(e, CacheValues.ints(new int[] {-i}));
            asked.add(p);
            asked.add(e);
        }
        asked.add(asked.get(1)); // asked twice: counted once
        try (SqliteCache c = SqliteCache.open(tmp, "--cache")) {
            c.putAll(stored);
            Map<CacheKey, byte[]> found = c.getAll(asked);
            assertEquals(stored.keySet(), found.keySet());
            stored.forEach((k, v) -> assertArrayEquals(v, found.get(k), k.toString()));
            int n = 2 * SqliteCache.KEYS_PER_QUERY + 7;
            assertArrayEquals(new int[] {n - (n + 2) / 3, (n + 2) / 3}, c.lookups().get("prediction"));
            assertArrayEquals(new int[] {(n + 1) / 2, n / 2}, c.lookups().get("embedding"));
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

    /** Issue 14: a full disk (here SQLite's page limit, which fails the same way) is said to be one, not "no transaction is active". */
    @Test void aFullDiskIsSaidToBeOne() throws Exception {
        try (SqliteCache c = SqliteCache.open(tmp, "--cache")) {
            try (java.sql.Statement s = c.connection().createStatement()) {
                s.execute("PRAGMA max_page_count = 8");
            }
            Map<CacheKey, byte[]> big = new LinkedHashMap<>();
            for (int i = 0; i < 64; i++) big.put(CacheKey.of("shapley", "k" + i), CacheValues.doubles(new double[1024]));
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> c.putAll(big));
            assertTrue(e.getMessage().contains("the disk is full"), e.getMessage());
            assertFalse(e.getMessage().contains("no transaction is active") || e.getMessage().contains("delete it"), e.getMessage());
            assertNull(c.get(CacheKey.of("shapley", "k0")), "nothing of the failed transaction is kept");
            c.putAll(Map.of(CacheKey.of("shapley", "small"), CacheValues.doubles(new double[] {1})));
            assertNotNull(c.get(CacheKey.of("shapley", "small")), "the cache works on once there is room");
        }
    }

    @Test void anUnusableCacheDirectoryNamesTheOption() throws Exception {
        Path file = java.nio.file.Files.writeString(tmp.resolve("plain-file"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqliteCache.open(file, "--cache"));
        assertTrue(e.getMessage().startsWith("--cache " + file), e.getMessage());
    }
}
