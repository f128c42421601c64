package io.imacs.score;

import io.imacs.model.ImageClassifier;
import io.imacs.model.Output;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's scorer: exact Shapley values of the M ranked segments by enumerating all 2^M coalitions.
 * Coalitions of several requests share forward batches of up to {@code batchSize} images.
 */
public final class ExactShapleyScorer implements SegmentScorer {
    private final CoalitionEvaluator evaluator;
    private final Output output;
    private final int batchSize;

    public ExactShapleyScorer(ImageClassifier model, Output output, int batchSize) {
        this.evaluator = new CoalitionEvaluator(model, output, batchSize);
        this.output = output;
        this.batchSize = batchSize;
    }

    @Override public List<ShapleyValues> score(List<ScoreRequest> requests) {
        List<CoalitionEvaluator.Query> queries = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            int m = requests.get(r).players().size();
            if (m > ExactShapley.MAX_PLAYERS)
                throw new IllegalArgumentException(m + " players need 2^" + m + " model calls; lower `segmentsPerImage` (M) or use permutation sampling");
            for (long mask = 0; mask < 1L << m; mask++) queries.add(new CoalitionEvaluator.Query(r, mask));
        }
        double[][] values = evaluator.evaluate(requests, queries);
        List<ShapleyValues> out = new ArrayList<>(requests.size());
        int offset = 0;
        for (ScoreRequest req : requests) {
            int m = req.players().size(), n = 1 << m, k = req.classes().length;
            double[][] phi = new double[k][], se = new double[k][m];
            double[] full = new double[k], empty = new double[k];
            for (int c = 0; c < k; c++) {
                double[] v = new double[n];
                for (int mask = 0; mask < n; mask++) v[mask] = values[offset + mask][c];
                phi[c] = ExactShapley.values(v, m);
                full[c] = v[n - 1];
                empty[c] = v[0];
            }
            out.add(new ShapleyValues(phi, se, full, empty, n));
            offset += n;
        }
        return out;
    }

    @Override public String describe() {
        return "shapley-exact output=" + output.name().toLowerCase() + " batch=" + batchSize;
    }
}
