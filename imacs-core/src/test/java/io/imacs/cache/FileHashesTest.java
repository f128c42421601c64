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
