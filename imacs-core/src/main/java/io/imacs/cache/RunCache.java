package io.imacs.cache;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cache as one run uses it: the store, the identity of each model ("A", "B", "embedder" -> a hash of
 * the model file and everything that changes its outputs, e.g. sidecar overrides), and the content hashes
 * of the run's images, each file hashed once. Roles are keyed by name ({@code Role.A.name()}): the map also
 * holds the embedder, which is no {@link io.imacs.model.Role}.
 */
public final class RunCache {
    private final ResultCache store;
    private final Map<String, String> modelKeys;
    private final Map<Path, String> imageHashes = new ConcurrentHashMap<>();

    public RunCache(ResultCache store, Map<String, String> modelKeys) {
        this.store = store;
        this.modelKeys = Map.copyOf(modelKeys);
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

    /** SHA-256 of the image file's bytes. */
    public String imageHash(Path file) {
        return imageHashes.computeIfAbsent(file, ContentHash::sha256);
    }
}
