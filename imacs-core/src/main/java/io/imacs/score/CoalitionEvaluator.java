package io.imacs.score;

import io.imacs.image.PixelImage;
import io.imacs.model.ImageClassifier;
import io.imacs.model.Output;
import io.imacs.model.Softmax;
import io.imacs.segment.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates coalitions of many Shapley games in shared forward batches. Coalition images are composed
 * only when their batch runs, so memory stays at one batch of images however many games are queued.
 */
final class CoalitionEvaluator {
    private final ImageClassifier model;
    private final Output output;
    private final int batchSize;

    CoalitionEvaluator(ImageClassifier model, Output output, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("`batchSize` must be at least 1, got " + batchSize);
        this.model = model;
        this.output = output;
        this.batchSize = batchSize;
    }

    /** One coalition to evaluate: game index and the bit mask of present players. */
    record Query(int game, long mask) {}

    /** Values [query][class] for the requested classes of each query's game. */
    double[][] evaluate(List<ScoreRequest> games, List<Query> queries) {
        List<int[]> owner = new ArrayList<>(games.size());
        for (ScoreRequest g : games) owner.add(playerOfPixel(g));
        double[][] out = new double[queries.size()][];
        for (int start = 0; start < queries.size(); start += batchSize) {
            int end = Math.min(queries.size(), start + batchSize);
            List<PixelImage> batch = new ArrayList<>(end - start);
            for (int q = start; q < end; q++) {
                Query query = queries.get(q);
                batch.add(compose(games.get(query.game()), owner.get(query.game()), query.mask()));
            }
            float[][] rows = model.outputs(batch, output);
            Softmax.requireFinite(rows, model.info().name());
            for (int q = start; q < end; q++) {
                int[] classes = games.get(queries.get(q).game()).classes();
                out[q] = new double[classes.length];
                for (int c = 0; c < classes.length; c++) out[q][c] = rows[q - start][classes[c]];
            }
        }
        return out;
    }

    /** Player index of every pixel, -1 where no player (those pixels always keep the original). */
    private static int[] playerOfPixel(ScoreRequest g) {
        int[] owner = new int[g.image().plane()];
        java.util.Arrays.fill(owner, -1);
        List<Segment> players = g.players();
        for (int p = 0; p < players.size(); p++) {
            boolean[] m = players.get(p).mask();
            if (m.length != owner.length)
                throw new IllegalArgumentException("segment " + players.get(p).index() + " does not match the image size " + g.image());
            for (int i = 0; i < m.length; i++) if (m[i]) owner[i] = p;
        }
        return owner;
    }

    private static PixelImage compose(ScoreRequest g, int[] owner, long mask) {
        boolean[] keep = new boolean[owner.length];
        for (int i = 0; i < keep.length; i++) keep[i] = owner[i] < 0 || (mask & (1L << owner[i])) != 0;
        return g.image().composite(keep, g.fill());
    }
}
