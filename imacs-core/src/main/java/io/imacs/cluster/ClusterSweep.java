package io.imacs.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The run's clustering and its neighbours in k: every k from {@link #MIN_K} to {@code min(MAX_K, n)} and the run's
 * own k, each the same {@link KMeans} (restarts, seed) that {@code --clusters k} would run. The report switches
 * between them instead of clustering in the page, so the page and the CLI can never disagree for a k.
 */
public record ClusterSweep(int runK, int restarts, long seed) {
    /** Smallest k offered besides the run's: one cluster compares nothing. */
    public static final int MIN_K = 2;
    /** Largest k offered besides the run's: beyond a dozen clusters nobody reads the views. */
    public static final int MAX_K = 12;

    /** The ks clustered for {@code n} points, increasing. */
    public List<Integer> ks(int n) {
        TreeSet<Integer> ks = new TreeSet<>();
        ks.add(runK);
        for (int k = MIN_K; k <= Math.min(MAX_K, n); k++) ks.add(k);
        return new ArrayList<>(ks);
    }

    /** Clusterings by k, in increasing k; {@code done} runs after each. */
    public Map<Integer, Clustering> fit(double[][] points, Runnable done) {
        return fit(points, done, (k, fit) -> fit.get());
    }

    /** As {@link #fit(double[][], Runnable)}, each k's clustering asked of {@code known} first (e.g. a cache). */
    public Map<Integer, Clustering> fit(double[][] points, Runnable done, Known known) {
        Map<Integer, Clustering> out = new TreeMap<>();
        for (int k : ks(points.length)) {
            KMeans kMeans = KMeans.of(k, restarts, seed);
            out.put(k, known.get(kMeans, () -> kMeans.fit(points)));
            done.run();
        }
        return out;
    }

    /** Where a clustering may be known already: it is a pure function of the points and the {@link KMeans}. */
    public interface Known {
        Clustering get(KMeans kMeans, Supplier<Clustering> fit);
    }
}
