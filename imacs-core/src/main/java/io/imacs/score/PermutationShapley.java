package io.imacs.score;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Monte Carlo Shapley values by antithetic permutation sampling: each sampled order is paired with
 * its reverse, which cancels much of the variance. Split in two phases so a scorer can evaluate all
 * needed coalitions of many games in shared batches: {@link #plan} lists the orders and coalitions,
 * {@link #estimate} turns coalition values into Shapley values with standard errors.
 */
public final class PermutationShapley {
    private PermutationShapley() {}

    /** The sampled orders of one game (pairs: order 2k+1 is order 2k reversed) and the coalitions they visit. */
    public record Plan(int players, List<int[]> orders, List<Long> coalitions) {}

    /** One Shapley estimate per player, with the standard error over antithetic pairs. */
    public record Estimate(double[] values, double[] standardError) {}

    /** {@code pairs} antithetic pairs of orders, drawn from {@code seed} (same seed, same plan). */
    public static Plan plan(int players, int pairs, long seed) {
        if (players < 1 || players > 62) throw new IllegalArgumentException("permutation Shapley supports 1..62 players, got " + players);
        if (pairs < 1) throw new IllegalArgumentException("`shapleyPermutations` must be at least 1, got " + pairs);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<int[]> orders = new ArrayList<>(2 * pairs);
        LinkedHashSet<Long> masks = new LinkedHashSet<>();
        for (int p = 0; p < pairs; p++) {
            int[] order = new int[players];
            for (int i = 0; i < players; i++) order[i] = i;
            for (int i = players - 1; i > 0; i--) { int j = rnd.nextInt(i + 1); int t = order[i]; order[i] = order[j]; order[j] = t; }
            int[] reverse = new int[players];
            for (int i = 0; i < players; i++) reverse[i] = order[players - 1 - i];
            for (int[] o : new int[][] {order, reverse}) {
                orders.add(o);
                long mask = 0;
                masks.add(mask);
                for (int player : o) { mask |= 1L << player; masks.add(mask); }
            }
        }
        return new Plan(players, orders, List.copyOf(masks));
    }

    /** Shapley estimates from the values of every coalition in the plan. Efficiency holds exactly. */
    public static Estimate estimate(Plan plan, Map<Long, Double> value) {
        int m = plan.players(), pairs = plan.orders().size() / 2;
        double[] sum = new double[m], sumSq = new double[m];
        double[] pair = new double[m];
        for (int p = 0; p < pairs; p++) {
            java.util.Arrays.fill(pair, 0);
            for (int k = 0; k < 2; k++) {
                long mask = 0;
                double prev = value.get(0L);
                for (int player : plan.orders().get(2 * p + k)) {
                    mask |= 1L << player;
                    double cur = value.get(mask);
                    pair[player] += 0.5 * (cur - prev);
                    prev = cur;
                }
            }
            for (int i = 0; i < m; i++) { sum[i] += pair[i]; sumSq[i] += pair[i] * pair[i]; }
        }
        double[] mean = new double[m], se = new double[m];
        for (int i = 0; i < m; i++) {
            mean[i] = sum[i] / pairs;
            double var = pairs > 1 ? Math.max(0, (sumSq[i] - pairs * mean[i] * mean[i]) / (pairs - 1)) : 0;
            se[i] = Math.sqrt(var / pairs);
        }
        return new Estimate(mean, se);
    }
}
