package io.imacs.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
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
    /** Files {@link #prefetch} found no hash for, with their keys: hashed without a second lookup. */
    private final Map<Path, CacheKey> absent = new ConcurrentHashMap<>();

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

    /**
     * Looks up the stored hashes of {@code files} in one go (a cached rerun's images), so {@link #sha256} finds them
     * without a lookup each. Files that cannot be read are left to {@link #sha256}, which says why.
     */
    public void prefetch(Collection<Path> files) {
        if (store == ResultCache.NONE) return;
        Map<CacheKey, Path> keys = new LinkedHashMap<>();
        for (Path f : files) {
            if (known.containsKey(f)) continue;
            try {
                keys.put(key(f), f);
            } catch (UncheckedIOException e) {
                // unreadable: sha256 reports it
            }
        }
        Map<CacheKey, byte[]> stored = store.getAll(keys.keySet());
        keys.forEach((key, f) -> {
            byte[] v = stored.get(key);
            if (v != null) known.put(f, new String(v, StandardCharsets.US_ASCII));
            else absent.put(f, key);
        });
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
        CacheKey key = absent.remove(file);
        if (key == null) {
            key = key(file);
            byte[] stored = store.get(key);
            if (stored != null) return new String(stored, StandardCharsets.US_ASCII);
        }
        String hash = ContentHash.sha256(file);
        synchronized (computed) { computed.put(key, hash.getBytes(StandardCharsets.US_ASCII)); }
        return hash;
    }

    private static CacheKey key(Path file) {
        return CacheKey.of("file", file.toAbsolutePath().normalize(), state(file));
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
