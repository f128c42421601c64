// Measures docs/faithfulness.md's table from demo outputs: for compare(A, B) it re-clusters the run's own segments
// (same embeddings, attributions, k, restarts and seed) three ways and reports the top cluster's watermark share.
//   old-l2  : the k-means before issue 10 (Commons Math MultiKMeansPlusPlusClusterer, default evaluator) on L2 vectors
//   new-l2  : io.imacs.cluster.KMeans on L2 vectors (--embedding-norm l2)
//   new-raw : io.imacs.cluster.KMeans on the embedder's own vectors (--embedding-norm none, the default)
// and compare(A, U)'s U/A ratio of mean |attribution|. Each DIR is an `imacs demo --out DIR` run with the default
// --embedding-norm none. Usage, after `mvn -DskipTests package`:
//   java -cp 'imacs-cli/target/imacs-cli.jar:imacs-cli/target/lib/*' bench/Faithfulness.java DIR...
import io.imacs.cluster.Clustering;
import io.imacs.cluster.EmbeddingNorm;
import io.imacs.cluster.KMeans;
import io.imacs.demo.WatermarkFindings;
import io.imacs.result.ClusterSummary;
import io.imacs.result.ImacsResult;
import io.imacs.result.ResultJson;
import io.imacs.result.SegmentEntry;
import io.imacs.summarize.ClusterSummarizer;
import io.imacs.summarize.MeanDifferenceTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.clustering.MultiKMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

public class Faithfulness {
    public static void main(String[] args) throws Exception {
        System.out.println("| run | k | n | old k-means, l2 | new k-means, l2 | new k-means, raw (default) | inertia in l2 space, old / new | U/A |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String dir : args) {
            ImacsResult ab = ResultJson.read(Path.of(dir, "a-vs-b", "result.json"));
            ImacsResult au = ResultJson.read(Path.of(dir, "a-vs-u", "result.json"));
            if (!"none".equals(ab.manifest().parameters().get("embeddingNorm"))) throw new IllegalArgumentException(dir + ": run with --embedding-norm none");
            int k = ab.clusters().size();
            long seed = ((Number) ab.manifest().parameters().get("seed")).longValue();
            int restarts = ((Number) ab.manifest().parameters().get("kmeansRestarts")).intValue();
            double[][] raw = vectors(ab, EmbeddingNorm.NONE), l2 = vectors(ab, EmbeddingNorm.L2);
            int[] old = oldKMeans(l2, k, restarts, seed);
            Clustering newL2 = KMeans.of(k, restarts, seed).fit(l2), newRaw = KMeans.of(k, restarts, seed).fit(raw);
            int[] stored = ab.segments().stream().mapToInt(SegmentEntry::cluster).toArray();
            if (!java.util.Arrays.equals(stored, newRaw.assignment())) throw new IllegalStateException(dir + ": stored clusters differ from KMeans");
            WatermarkFindings wu = WatermarkFindings.of(au);
            System.out.printf("| %s | %d | %d | %s | %s | %s | %.1f / %.1f | %.1f%% |%n", dir, k, raw.length, cell(ab, old, k), cell(ab, newL2.assignment(), k),
                cell(ab, stored, k), inertia(l2, old, k), newL2.inertia(), 100 * wu.meanAbsB() / wu.meanAbsA());
        }
    }

    static double[][] vectors(ImacsResult r, EmbeddingNorm norm) {
        return r.segments().stream().map(s -> {
            float[] f = new float[s.embedding().size()];
            for (int i = 0; i < f.length; i++) f[i] = s.embedding().get(i);
            return norm.apply(f);
        }).toArray(double[][]::new);
    }

    /** Top cluster's share of B's segments on a watermark, and whether B's mean there is above A's. */
    static String cell(ImacsResult r, int[] assignment, int k) {
        List<ClusterSummarizer.Member> members = r.segments().stream()
            .map(s -> new ClusterSummarizer.Member(s.model(), 0, s.attribution(), s.outcome(), s.image())).toList();
        List<ClusterSummary> clusters = ClusterSummarizer.summarize(ClusterSummarizer.assigned(members, assignment), k,
            r.manifest().histogramEdges(), new MeanDifferenceTest(1, 0));
        List<SegmentEntry> segs = new ArrayList<>();
        for (int i = 0; i < assignment.length; i++) {
            SegmentEntry s = r.segments().get(i);
            segs.add(new SegmentEntry(s.id(), s.model(), s.image(), s.label(), s.predicted(), s.outcome(), s.segment(), s.rank(), s.box(),
                s.workingBox(), s.attribution(), s.standardError(), s.classAttributions(), assignment[i], 0, s.tile(), s.embedding()));
        }
        WatermarkFindings f = WatermarkFindings.of(new ImacsResult(r.manifest(), r.images(), segs, clusters, List.of()));
        return String.format("%.2f (%d B, B %s A)", f.bWatermarkShare(), f.countB(), f.meanB() > f.meanA() ? ">" : "<=");
    }

    static double inertia(double[][] x, int[] a, int k) {
        double[][] m = new double[k][x[0].length];
        int[] n = new int[k];
        for (int i = 0; i < x.length; i++) { n[a[i]]++; for (int j = 0; j < x[i].length; j++) m[a[i]][j] += x[i][j]; }
        double s = 0;
        for (int i = 0; i < x.length; i++) for (int j = 0; j < x[i].length; j++) s += Math.pow(x[i][j] - m[a[i]][j] / n[a[i]], 2);
        return s;
    }

    /** The cluster stage before issue 10, as it was (commit 862e5db), for the comparison only. */
    static int[] oldKMeans(double[][] x, int k, int restarts, long seed) {
        List<DoublePoint> points = new ArrayList<>();
        for (double[] v : x) points.add(new DoublePoint(v));
        JDKRandomGenerator rnd = new JDKRandomGenerator();
        rnd.setSeed(seed);
        var single = new KMeansPlusPlusClusterer<DoublePoint>(k, 300, new EuclideanDistance(), rnd,
            KMeansPlusPlusClusterer.EmptyClusterStrategy.LARGEST_POINTS_NUMBER);
        List<CentroidCluster<DoublePoint>> clusters = new MultiKMeansPlusPlusClusterer<>(single, restarts).cluster(points);
        java.util.IdentityHashMap<DoublePoint, Integer> index = new java.util.IdentityHashMap<>();
        for (int i = 0; i < points.size(); i++) index.put(points.get(i), i);
        int[] out = new int[x.length];
        for (int c = 0; c < clusters.size(); c++) for (DoublePoint p : clusters.get(c).getPoints()) out[index.get(p)] = c;
        return out;
    }
}
