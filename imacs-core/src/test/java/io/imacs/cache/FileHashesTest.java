package io.imacs.cache;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File hashes kept in the store under path, size and times: reused while the file is unchanged, recomputed when it changes. */
class FileHashesTest {
    @TempDir Path dir;

    @Test void anUnchangedFileIsNotReadAgainAndAChangedOneIs() throws Exception {
        Path f = dir.resolve("a.png");
        Files.write(f, new byte[] {1, 2, 3, 4});
        MemoryCache store = new MemoryCache();
        FileHashes first = new FileHashes(store);
        String h = first.sha256(f);
        assertEquals(ContentHash.sha256(f), h);
        var computed = first.takeComputed();
        assertEquals(1, computed.size(), "hashed once, to be stored");
        assertTrue(first.takeComputed().isEmpty(), "taken once");
        store.putAll(computed);

        FileHashes rerun = new FileHashes(store);
        assertEquals(h, rerun.sha256(f));
        assertTrue(rerun.takeComputed().isEmpty(), "read from the store, not hashed");

        // same size, new bytes, modification time set back: the change time (or inode) still tells
        FileTime mtime = Files.getLastModifiedTime(f);
        Thread.sleep(20);
        Files.write(f, new byte[] {4, 3, 2, 1});
        Files.setLastModifiedTime(f, mtime);
        FileHashes edited = new FileHashes(store);
        assertEquals(ContentHash.sha256(f), edited.sha256(f));
        assertNotEquals(h, edited.sha256(f));
        assertEquals(1, edited.takeComputed().size(), "rehashed");
    }

    @Test void prefetchedHashesNeedNoLookupEachAndMissingOnesAreHashed() throws Exception {
        Path stored = dir.resolve("s.png"), fresh = dir.resolve("f.png"), gone = dir.resolve("gone.png");
        Files.write(stored, new byte[] {5});
        Files.write(fresh, new byte[] {6});
        MemoryCache store = new MemoryCache();
        FileHashes first = new FileHashes(store);
        first.sha256(stored);
        store.putAll(first.takeComputed());
        int[] singles = {0};
        ResultCache counting = new ResultCache() {
            @Override public byte[] get(CacheKey key) { singles[0]++; return store.get(key); }
            @Override public void putAll(java.util.Map<CacheKey, byte[]> entries) { store.putAll(entries); }
            @Override public java.util.Map<CacheKey, byte[]> getAll(java.util.Collection<CacheKey> keys) {
                java.util.Map<CacheKey, byte[]> out = new java.util.HashMap<>();
                for (CacheKey k : keys) if (store.get(k) != null) out.put(k, store.get(k));
                return out;
            }
            @Override public void close() {}
        };
        FileHashes rerun = new FileHashes(counting);
        rerun.prefetch(java.util.List.of(stored, fresh, gone));
        assertEquals(ContentHash.sha256(stored), rerun.sha256(stored));
        assertEquals(ContentHash.sha256(fresh), rerun.sha256(fresh));
        assertEquals(0, singles[0], "one lookup for all three, none per file");
        assertEquals(1, rerun.takeComputed().size(), "only the new file was hashed");
        assertThrows(java.io.UncheckedIOException.class, () -> rerun.sha256(gone), "a missing file is still reported");
    }

    @Test void aTouchedFileIsRehashedToTheSameHash() throws Exception {
        Path f = dir.resolve("b.png");
        Files.write(f, new byte[] {9, 9});
        MemoryCache store = new MemoryCache();
        FileHashes first = new FileHashes(store);
        String h = first.sha256(f);
        store.putAll(first.takeComputed());
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5_000));
        FileHashes touched = new FileHashes(store);
        assertEquals(h, touched.sha256(f));
        assertEquals(1, touched.takeComputed().size(), "a new modification time: read again");
    }

    @Test void withoutAStoreNothingIsKept() throws Exception {
        Path f = dir.resolve("c.png");
        Files.write(f, new byte[] {7});
        FileHashes none = new FileHashes(ResultCache.NONE);
        assertEquals(ContentHash.sha256(f), none.sha256(f));
        assertTrue(none.takeComputed().isEmpty());
    }
}
