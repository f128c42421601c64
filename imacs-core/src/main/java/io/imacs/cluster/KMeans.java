package io.imacs.cluster;

import java.util.SplittableRandom;

/**
 * The cluster stage: k-means as defined, i.e. the partition with the lowest inertia (within-cluster sum of squared
 * distances) that {@code restarts} seeded runs find. Each run seeds with greedy k-means++ (Arthur and Vassilvitskii
 * 2007; {@code 2 + ln k} candidates per centre, as scikit-learn) and runs Lloyd iterations until the assignment is
 * stable or the centres move less than {@code tolerance} times the data's mean per-dimension variance (scikit-learn's
 * rule), with {@code maxIterations} only as a guard.
 * <p>Written here rather than taken from a library: Commons Math's {@code MultiKMeansPlusPlusClusterer} keeps the
 * restart with the lowest <em>sum of per-cluster variances</em>, which is not what k-means minimises (on the flowers
 * demo's 270 unit-length embeddings it kept a partition of inertia 32.1 where this class finds 24.2), Smile is not a
 * dependency, and one small loop that every k of a run shares (see {@link ClusterSweep}) is easier to keep exact and
 * deterministic: plain sequential double arithmetic, one {@link SplittableRandom} per restart split from {@code seed}.
 * Clusters are numbered by their smallest member index, so ids do not depend on seeding order.
 */
public record KMeans(int k, int restarts, int maxIterations, double tolerance, long seed) {
    /** Lloyd iterations a run may take at most; convergence normally stops it long before. */
    public static final int MAX_ITERATIONS = 300;
    /** Relative centre shift below which a run has converged (scikit-learn's default). */
    public static final double TOLERANCE = 1e-4;

    public KMeans {
        if (k < 1) throw new IllegalArgumentException("`clusters` must be at least 1, got " + k);
        if (restarts < 1) throw new IllegalArgumentException("`kmeansRestarts` must be at least 1, got " + restarts);
        if (maxIterations < 1) throw new IllegalArgumentException("k-means needs at least 1 iteration, got " + maxIterations);
        if (!(tolerance >= 0)) throw new IllegalArgumentException("k-means tolerance must be >= 0, got " + tolerance);
    }

    /** k-means with the default iteration guard and tolerance. */
    public static KMeans of(int k, int restarts, long seed) {
        return new KMeans(k, restarts, MAX_ITERATIONS, TOLERANCE, seed);
    }

    public Clustering fit(double[][] points) {
        int n = points.length;
        if (n < k)
            throw new IllegalArgumentException("`clusters` " + k + " is more than the " + n
                + " segments to cluster; lower `clusters` or sample more images");
        for (int i = 0; i < n; i++)
            for (double v : points[i])
                if (!Double.isFinite(v)) throw new IllegalArgumentException("embedding " + i + " has a non-finite value (" + v + "); check the embedder");
        double shiftLimit = tolerance * meanVariance(points);
        SplittableRandom root = new SplittableRandom(seed);
        Run best = null;
        for (int r = 0; r < restarts; r++) {
            Run run = lloyd(points, seed(points, root.split()), shiftLimit);
            if (best == null || run.inertia < best.inertia) best = run; // strictly lower: the first of equals wins
        }
        return numbered(points, best);
    }

    /** One run's final partition, its centres (the members' means) and inertia. */
    private record Run(int[] assignment, double[][] centres, double inertia) {}

    /** Greedy k-means++: each next centre is the best of a few D^2-weighted candidates by the inertia it leaves. */
    private double[][] seed(double[][] x, SplittableRandom rnd) {
        int n = x.length, trials = 2 + (int) Math.log(k);
        double[][] centres = new double[k][];
        centres[0] = x[rnd.nextInt(n)].clone();
        double[] closest = new double[n];
        double potential = 0;
        for (int i = 0; i < n; i++) potential += closest[i] = squared(x[i], centres[0]);
        double[] cumulative = new double[n], candidate = new double[n];
        for (int c = 1; c < k; c++) {
            double run = 0;
            for (int i = 0; i < n; i++) cumulative[i] = run += closest[i];
            int bestIndex = -1;
            double bestPotential = Double.POSITIVE_INFINITY;
            double[] bestClosest = null;
            for (int t = 0; t < trials; t++) {
                // all points on the centres so far (duplicates): any point is as good as another
                int pick = potential > 0 ? search(cumulative, rnd.nextDouble() * potential) : rnd.nextInt(n);
                double p = 0;
                for (int i = 0; i < n; i++) p += candidate[i] = Math.min(closest[i], squared(x[i], x[pick]));
                if (p < bestPotential) {
                    bestPotential = p;
                    bestIndex = pick;
                    bestClosest = candidate.clone();
                }
            }
            centres[c] = x[bestIndex].clone();
            closest = bestClosest;
            potential = bestPotential;
        }
        return centres;
    }

    /** The first index whose cumulative weight exceeds {@code target}. */
    private static int search(double[] cumulative, double target) {
        int lo = 0, hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    private Run lloyd(double[][] x, double[][] centres, double shiftLimit) {
        int n = x.length;
        int[] assignment = new int[n];
        double[] distance = new double[n];
        java.util.Arrays.fill(assignment, -1);
        for (int it = 0; it < maxIterations; it++) {
            boolean moved = assign(x, centres, assignment, distance);
            if (!moved) break; // a fixed point: the centres are already the means of this partition
            double[][] next = means(x, assignment, distance, k);
            double shift = 0;
            for (int c = 0; c < k; c++) shift += squared(next[c], centres[c]);
            centres = next;
            if (shift <= shiftLimit) {
                assign(x, centres, assignment, distance);
                break;
            }
        }
        // report the partition with its own means: its inertia is then exactly what k-means minimises for it
        centres = means(x, assignment, distance, k);
        double inertia = 0;
        for (int i = 0; i < n; i++) inertia += squared(x[i], centres[assignment[i]]);
        return new Run(assignment, centres, inertia);
    }

    /** Nearest centre per point (ties to the lower index); returns whether any assignment changed. */
    private static boolean assign(double[][] x, double[][] centres, int[] assignment, double[] distance) {
        boolean moved = false;
        for (int i = 0; i < x.length; i++) {
            int best = 0;
            double bd = squared(x[i], centres[0]);
            for (int c = 1; c < centres.length; c++) {
                double d = squared(x[i], centres[c]);
                if (d < bd) { bd = d; best = c; }
            }
            distance[i] = bd;
            if (assignment[i] != best) { assignment[i] = best; moved = true; }
        }
        return moved;
    }

    /**
     * The mean of each cluster. An empty cluster takes the point farthest from its centre among clusters of two or
     * more (scikit-learn's relocation), so a run always ends with k non-empty clusters.
     */
    static double[][] means(double[][] x, int[] assignment, double[] squaredDistance, int k) {
        int n = x.length, d = x[0].length;
        int[] count = new int[k];
        for (int a : assignment) count[a]++;
        for (int c = 0; c < k; c++) {
            if (count[c] > 0) continue;
            int far = -1;
            for (int i = 0; i < n; i++)
                if (count[assignment[i]] > 1 && (far < 0 || squaredDistance[i] > squaredDistance[far])) far = i;
            count[assignment[far]]--;
            assignment[far] = c;
            squaredDistance[far] = 0;
            count[c] = 1;
        }
        double[][] m = new double[k][d];
        for (int i = 0; i < n; i++) {
            double[] row = m[assignment[i]];
            for (int j = 0; j < d; j++) row[j] += x[i][j];
        }
        for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) m[c][j] /= count[c];
        return m;
    }

    private static Clustering numbered(double[][] x, Run run) {
        return Clustering.of(x, run.assignment, run.centres);
    }

    /** Mean over dimensions of each dimension's variance: the scale the tolerance is relative to. */
    private static double meanVariance(double[][] x) {
        int n = x.length, d = x[0].length;
        double total = 0;
        for (int j = 0; j < d; j++) {
            double s = 0, s2 = 0;
            for (double[] row : x) { s += row[j]; s2 += row[j] * row[j]; }
            total += Math.max(0, s2 / n - (s / n) * (s / n));
        }
        return total / d;
    }

    static double squared(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            s += t * t;
        }
        return s;
    }
}
