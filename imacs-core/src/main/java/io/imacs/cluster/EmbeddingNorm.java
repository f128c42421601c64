package io.imacs.cluster;

import java.util.Locale;

/**
 * The space k-means clusters in. {@link #NONE} (default) is the embedder's own space: pooled ReLU features carry
 * signal in their magnitude (a strongly activated text detector is not the same concept as a faint one), and unit
 * length throws it away. {@link #L2} compares directions only: the better choice for embedders trained with a cosine
 * or contrastive objective (CLIP, SimCLR, face embedders), whose vector length carries no meaning. Measured on the
 * demo in docs/faithfulness.md.
 */
public enum EmbeddingNorm {
    NONE, L2;

    /** The option's spelling: {@code none} or {@code l2}. */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static EmbeddingNorm parse(String s) {
        for (EmbeddingNorm n : values()) if (n.id().equalsIgnoreCase(s)) return n;
        throw new IllegalArgumentException("`embeddingNorm` " + s + ": expected none or l2");
    }

    /** The vector as k-means sees it, in doubles. Under {@link #L2} a zero vector stays zero. */
    public double[] apply(float[] v) {
        double scale = 1;
        if (this == L2) {
            double n = 0;
            for (float x : v) n += (double) x * x;
            scale = n > 0 ? 1 / Math.sqrt(n) : 0;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] * scale;
        return out;
    }
}
