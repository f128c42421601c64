package io.imacs.score;

import java.util.function.ToDoubleFunction;

/**
 * Exact Shapley values from a complete value table: {@code v[mask]} is the game's value when the
 * players whose bits are set in {@code mask} are present. Pure math, no model.
 */
public final class ExactShapley {
    private ExactShapley() {}

    /** Largest player count enumerated exactly (2^20 coalitions); beyond it use permutation sampling. */
    public static final int MAX_PLAYERS = 20;

    /** phi_i = sum over S without i of |S|!(m-|S|-1)!/m! * (v(S+i) - v(S)). */
    public static double[] values(double[] v, int players) {
        if (players < 0 || players > MAX_PLAYERS)
            throw new IllegalArgumentException("exact Shapley supports 0.." + MAX_PLAYERS + " players, got " + players);
        if (v.length != 1 << players)
            throw new IllegalArgumentException("value table needs 2^" + players + " entries, got " + v.length);
        double[] weight = new double[Math.max(players, 1)];
        for (int s = 0; s < players; s++) weight[s] = 1.0 / (players * binomial(players - 1, s));
        double[] phi = new double[players];
        for (int mask = 0; mask < v.length; mask++) {
            int size = Integer.bitCount(mask);
            for (int i = 0; i < players; i++)
                if ((mask & (1 << i)) == 0) phi[i] += weight[size] * (v[mask | (1 << i)] - v[mask]);
        }
        return phi;
    }

    /**
     * Shapley values of a function of features, where each player is a group of features: a present
     * group takes {@code x}'s values, an absent one the baseline's. Every feature of a group gets its
     * group's value (the convention of the reference implementations' grouped Shapley).
     */
    public static double[] forFeatures(ToDoubleFunction<double[]> f, double[] x, double[] baseline, int[][] groups) {
        int m = groups.length;
        double[] v = new double[1 << m];
        for (int mask = 0; mask < v.length; mask++) {
            double[] z = baseline.clone();
            for (int g = 0; g < m; g++)
                if ((mask & (1 << g)) != 0) for (int feature : groups[g]) z[feature] = x[feature];
            v[mask] = f.applyAsDouble(z);
        }
        double[] phi = values(v, m);
        double[] out = new double[x.length];
        for (int g = 0; g < m; g++) for (int feature : groups[g]) out[feature] = phi[g];
        return out;
    }

    static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }
}
