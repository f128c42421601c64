package io.imacs.cache;

import java.util.HashMap;
import java.util.Map;

/** A cache in memory, for library users who run several comparisons in one process, and for tests. */
public final class MemoryCache implements ResultCache {
    private final Map<CacheKey, byte[]> entries = new HashMap<>();

    @Override public synchronized byte[] get(CacheKey key) {
        byte[] v = entries.get(key);
        return v == null ? null : v.clone();
    }

    @Override public synchronized void putAll(Map<CacheKey, byte[]> values) {
        values.forEach((k, v) -> entries.put(k, v.clone()));
    }

    public synchronized int size() { return entries.size(); }

    @Override public void close() {}
}
