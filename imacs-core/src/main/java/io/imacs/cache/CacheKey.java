package io.imacs.cache;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where one cached value lives: its kind (prediction, rank, shapley, embedding, image) and the SHA-256
 * of exactly the inputs that determine it. Two computations that would give the same numbers share a key.
 */
public record CacheKey(String kind, String hash) {

    /** The key of a value of {@code kind} computed from {@code parts} (model key, image hash, parameters...). */
    public static CacheKey of(String kind, Object... parts) {
        StringBuilder b = new StringBuilder(kind);
        for (Object p : parts) {
            // arrays print by identity; spell them out. \u001f keeps "a","bc" apart from "ab","c".
            b.append('\u001f').append(p instanceof int[] a ? Arrays.toString(a) : p instanceof double[] d ? Arrays.toString(d) : String.valueOf(p));
        }
        return new CacheKey(kind, ContentHash.sha256(b.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
