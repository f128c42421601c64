package io.imacs.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Content hashes of input files (images, models), each file read at most once per run and, with a store, not
 * at all while it is unchanged: the store keeps each hash under the file's path, size and modification time
 * (and, where the file system has them, its inode and change time), so a rerun hashes only files that changed.
 */
public final class FileHashes {
    private final ResultCache store;
    private final Map<Path, String> known = new ConcurrentHashMap<>();
    /** Hashes computed and not yet stored: they go into the store with the caller's next transaction. */
    private final Map<CacheKey, byte[]> computed = new LinkedHashMap<>();

    /** {@code store} {@link ResultCache#NONE}: every file is hashed once per run, nothing is kept. */
    public FileHashes(ResultCache store) {
        this.store = store;
    }

    /**
     * SHA-256 of the file's bytes.
     *
     * @throws UncheckedIOException when the file cannot be read, naming it
     */
    public String sha256(Path file) {
        return known.computeIfAbsent(file, this::storedOrComputed);
    }

    /** Hashes computed since the last call, keyed for the store, for the caller to store in its transaction. */
    public Map<CacheKey, byte[]> takeComputed() {
        synchronized (computed) {
            Map<CacheKey, byte[]> out = new LinkedHashMap<>(computed);
            computed.clear();
            return out;
        }
    }

    private String storedOrComputed(Path file) {
        if (store == ResultCache.NONE) return ContentHash.sha256(file);
        CacheKey key = CacheKey.of("file", file.toAbsolutePath().normalize(), state(file));
        byte[] stored = store.get(key);
        if (stored != null) return new String(stored, StandardCharsets.US_ASCII);
        String hash = ContentHash.sha256(file);
        synchronized (computed) { computed.put(key, hash.getBytes(StandardCharsets.US_ASCII)); }
        return hash;
    }

    /**
     * What changes when the file's bytes may have: size and modification time, plus inode and change time where the
     * file system keeps them (a file rewritten at its old size, its modification time set back, still gets a new
     * change time).
     */
    private static String state(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            String state = a.size() + " " + a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            try {
                Map<String, Object> unix = Files.readAttributes(file, "unix:ino,ctime");
                return state + " " + unix.get("ino") + " " + ((FileTime) unix.get("ctime")).to(TimeUnit.NANOSECONDS);
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                return state; // no unix view (Windows): size and modification time
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
