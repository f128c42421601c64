package io.imacs.pipeline;

import io.imacs.cache.CacheKey;
import io.imacs.cache.CacheValues;
import io.imacs.cache.ContentHash;
import io.imacs.cache.RunCache;
import io.imacs.cluster.ClusterSweep;
import io.imacs.cluster.Clustering;
import io.imacs.cluster.KMeans;
import io.imacs.result.MeanDifference;
import io.imacs.summarize.MeanDifferenceResampling;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The cluster and summarize stages' values in the run's cache. Each k-means of the sweep and each cluster's resampling
 * test is a pure function of numbers (the segments' embeddings, attributions and images), so a rerun over the same
 * segments computes neither; that covers a rerun with another {@code clusters}, which picks from the same sweep. After
 * the model passes these two stages are most of a large cached rerun's work (e.g. 2,000 segments: k-means for 11 k and
 * 2,000 resamples per cluster and k). New values wait in memory until {@link #store()} writes them in one transaction.
 */
final class DerivedValues implements ClusterSweep.Known, MeanDifferenceResampling.Known {
    private final RunCache cache;
    private final String points;
    private final Map<CacheKey, byte[]> computed = new LinkedHashMap<>();

    /** For the sweep over {@code points} (one row per segment, in the space they are clustered in). */
    DerivedValues(RunCache cache, double[][] points) {
        this.cache = cache;
        this.points = cache.enabled() ? digest(points) : "";
    }

    @Override public Clustering get(KMeans kMeans, Supplier<Clustering> fit) {
        return known(CacheKey.of("clustering", points, kMeans), CacheValues::clustering, CacheValues::clustering, fit);
    }

    @Override public MeanDifference get(MeanDifferenceResampling test, double[][] units, Supplier<MeanDifference> compute) {
        CacheKey key = cache.enabled() ? CacheKey.of("difference", test.resamples(), test.seed(), digest(units)) : null;
        return known(key, CacheValues::difference, CacheValues::difference, compute);
    }

    /** Stores the values computed since the last call, in one transaction. */
    void store() {
        if (computed.isEmpty()) return;
        cache.store().putAll(computed);
        computed.clear();
    }

    private <T> T known(CacheKey key, Function<byte[], T> decode, Function<T, byte[]> encode, Supplier<T> compute) {
        if (!cache.enabled()) return compute.get();
        T value = decode.apply(cache.store().get(key));
        if (value == null) {
            value = compute.get();
            computed.put(key, encode.apply(value));
        }
        return value;
    }

    /** SHA-256 of the rows' exact bits, with each row's length, so {{1,2},{3}} and {{1},{2,3}} differ. */
    private static String digest(double[][] rows) {
        int n = 0;
        for (double[] r : rows) n += 4 + 8 * r.length;
        ByteBuffer b = ByteBuffer.allocate(n);
        for (double[] r : rows) {
            b.putInt(r.length);
            for (double v : r) b.putLong(Double.doubleToRawLongBits(v));
        }
        return ContentHash.sha256(b.array());
    }
}
