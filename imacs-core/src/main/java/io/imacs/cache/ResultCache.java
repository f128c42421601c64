package io.imacs.cache;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stored model results (predictions, rankings, Shapley values, embeddings) so reruns and resumed runs
 * skip model passes. Values are opaque bytes ({@link CacheValues} encodes them bit-exactly), so a value
 * read back gives the same result.json as the value computed.
 */
public interface ResultCache extends AutoCloseable {

    /** The stored value, or null when absent. */
    byte[] get(CacheKey key);

    /**
     * The stored values of those {@code keys} that are present. A store may answer many keys at once faster than
     * one by one: a cached rerun looks up several values for each of its images.
     */
    default Map<CacheKey, byte[]> getAll(Collection<CacheKey> keys) {
        Map<CacheKey, byte[]> out = new LinkedHashMap<>();
        for (CacheKey k : keys) {
            byte[] v = get(k);
            if (v != null) out.put(k, v);
        }
        return out;
    }

    /** Stores all entries atomically: after a crash or kill either all of them are there or none. */
    void putAll(Map<CacheKey, byte[]> entries);

    @Override void close();

    /** No cache: every lookup misses, nothing is stored. */
    ResultCache NONE = new ResultCache() {
        @Override public byte[] get(CacheKey key) { return null; }
        @Override public void putAll(Map<CacheKey, byte[]> entries) {}
        @Override public void close() {}
    };
}
