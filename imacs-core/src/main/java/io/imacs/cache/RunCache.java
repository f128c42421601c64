package io.imacs.cache;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * The cache as one run uses it: the store, the identity of each model ("A", "B", "embedder" -> a hash of
 * the model file and everything that changes its outputs, e.g. sidecar overrides), and the content hashes
 * of the run's images ({@link FileHashes}: each file hashed once, and not again while it is unchanged). Roles
 * are keyed by name ({@code Role.A.name()}): the map also holds the embedder, which is no {@link io.imacs.model.Role}.
 */
public final class RunCache {
    private final ResultCache store;
    private final Map<String, String> modelKeys;
    private final FileHashes files;

    public RunCache(ResultCache store, Map<String, String> modelKeys) {
        this(store, modelKeys, new FileHashes(store));
    }

    /** As above, sharing {@code files} with the caller (who hashed the model files with it). */
    public RunCache(ResultCache store, Map<String, String> modelKeys, FileHashes files) {
        this.store = store;
        this.modelKeys = Map.copyOf(modelKeys);
        this.files = files;
    }

    /** No caching: nothing is hashed, looked up or stored. */
    public static RunCache none() { return new RunCache(ResultCache.NONE, Map.of()); }

    public boolean enabled() { return store != ResultCache.NONE; }

    public ResultCache store() { return store; }

    public String modelKey(String role) {
        String k = modelKeys.get(role);
        if (k == null) throw new IllegalStateException("no cache key for model " + role + "; give one per role (A, B, embedder)");
        return k;
    }

    /** SHA-256 of the image file's bytes, read from the store while the file is unchanged ({@link FileHashes}). */
    public String imageHash(Path file) {
        return files.sha256(file);
    }

    /** Looks up the stored hashes of {@code images} at once, ahead of {@link #imageHash} for each ({@link FileHashes#prefetch}). */
    public void prefetchImageHashes(Collection<Path> images) {
        files.prefetch(images);
    }

    /** Hashes computed since the last call, keyed for the store, to be stored in the caller's transaction. */
    public Map<CacheKey, byte[]> takeNewFileHashes() {
        return files.takeComputed();
    }
}
