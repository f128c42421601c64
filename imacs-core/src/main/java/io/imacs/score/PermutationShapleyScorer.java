package io.imacs.score;

import io.imacs.model.ImageClassifier;
import io.imacs.model.Output;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shapley values by antithetic permutation sampling, for games too large to enumerate (M > 10).
 * Each game draws its orders from {@code seed} and its own content (the image and the players' segment
 * indices), never from its position in a call: the same game gets the same estimate in any batch, so a
 * cached value is the value any run would compute. Coalitions visited by several orders are evaluated once.
 */
public final class PermutationShapleyScorer implements SegmentScorer {
    private final CoalitionEvaluator evaluator;
    private final Output output;
    private final int pairs;
    private final long seed;

    /** @param pairs antithetic pairs of orders per game (2*pairs permutations) */
    public PermutationShapleyScorer(ImageClassifier model, Output output, int batchSize, int pairs, long seed) {
        if (pairs < 1) throw new IllegalArgumentException("`shapleyPermutations` must be at least 1, got " + pairs);
        this.evaluator = new CoalitionEvaluator(model, output, batchSize);
        this.output = output;
        this.pairs = pairs;
        this.seed = seed;
    }

    @Override public List<ShapleyValues> score(List<ScoreRequest> requests) {
        List<PermutationShapley.Plan> plans = new ArrayList<>();
        List<CoalitionEvaluator.Query> queries = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            PermutationShapley.Plan plan = PermutationShapley.plan(requests.get(r).players().size(), pairs, gameSeed(requests.get(r)));
            plans.add(plan);
            for (long mask : plan.coalitions()) queries.add(new CoalitionEvaluator.Query(r, mask));
        }
        double[][] values = evaluator.evaluate(requests, queries);
        List<ShapleyValues> out = new ArrayList<>(requests.size());
        int offset = 0;
        for (int r = 0; r < requests.size(); r++) {
            PermutationShapley.Plan plan = plans.get(r);
            int k = requests.get(r).classes().length, m = plan.players(), n = plan.coalitions().size();
            long all = (1L << m) - 1;
            double[][] phi = new double[k][], se = new double[k][];
            double[] full = new double[k], empty = new double[k];
            for (int c = 0; c < k; c++) {
                Map<Long, Double> v = new HashMap<>();
                for (int q = 0; q < n; q++) v.put(plan.coalitions().get(q), values[offset + q][c]);
                PermutationShapley.Estimate e = PermutationShapley.estimate(plan, v);
                phi[c] = e.values();
                se[c] = e.standardError();
                full[c] = v.get(all);
                empty[c] = v.get(0L);
            }
            out.add(new ShapleyValues(phi, se, full, empty, n));
            offset += n;
        }
        return out;
    }

    private long gameSeed(ScoreRequest game) {
        long h = game.image().hashCode();
        for (var p : game.players()) h = 31 * h + p.index();
        return seed + 0x9E3779B97F4A7C15L * h;
    }

    @Override public String describe() {
        return "shapley-permutation output=" + output.name().toLowerCase() + " pairs=" + pairs + " seed=" + seed;
    }
}
