// Measures docs/faithfulness.md's table from demo outputs: for compare(A, B) it re-clusters the run's own segments
// (same embeddings, attributions, restarts and seed) several ways and reports the top cluster's watermark share:
//   before     : the cluster stage before issue 10 (Commons Math MultiKMeansPlusPlusClusterer, default evaluator),
//                L2 vectors, k = 6, clusters ordered by |mean A - mean B| (the paper's order)
//   paper order: io.imacs.cluster.KMeans on the embedder's own vectors at the run's k, ordered by |mean A - mean B|
//   l2         : io.imacs.cluster.KMeans on L2 vectors at the run's k, IMACS's order (a difference that holds first)
//   k = 6      : the embedder's own vectors, k = 6, IMACS's order
//   default    : what the run stored (embedder's own vectors, the run's k, IMACS's order); checked against KMeans
// and compare(A, U)'s U/A ratio of mean |attribution|. Each DIR is an `imacs demo --out DIR` run with
// --embedding-norm none (the default). Usage, after `mvn -DskipTests package`:
//   java -cp 'imacs-cli/target/imacs-cli.jar:imacs-cli/target/lib/*' bench/Faithfulness.java DIR...
import io.imacs.cluster.EmbeddingNorm;
import io.imacs.cluster.KMeans;
import io.imacs.demo.ShortcutFindings;
import io.imacs.result.ClusterSummary;
import io.imacs.result.ImacsResult;
import io.imacs.result.ResultJson;
import io.imacs.result.SegmentEntry;
import io.imacs.summarize.ClusterSummarizer;
import io.imacs.summarize.MeanDifferenceResampling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.clustering.MultiKMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

public class Faithfulness {
    public static void main(String[] args) throws Exception {
        System.out.println("| run | segments | before (old k-means, l2, k = 6, paper order) | paper order | l2 | k = 6 | default | U/A |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String dir : args) {
            ImacsResult ab = ResultJson.read(Path.of(dir, "a-vs-b", "result.json"));
            ImacsResult au = ResultJson.read(Path.of(dir, "a-vs-u", "result.json"));
            if (!"none".equals(ab.manifest().parameters().get("embeddingNorm"))) throw new IllegalArgumentException(dir + ": run with --embedding-norm none");
            int k = ab.clusters().size();
            long seed = ((Number) ab.manifest().parameters().get("seed")).longValue();
            int restarts = ((Number) ab.manifest().parameters().get("kmeansRestarts")).intValue();
            double[][] raw = vectors(ab, EmbeddingNorm.NONE), l2 = vectors(ab, EmbeddingNorm.L2);
            int[] stored = ab.segments().stream().mapToInt(SegmentEntry::cluster).toArray();
            if (!java.util.Arrays.equals(stored, KMeans.of(k, restarts, seed).fit(raw).assignment()))
                throw new IllegalStateException(dir + ": stored clusters differ from KMeans");
            ShortcutFindings wu = ShortcutFindings.of(au, ShortcutFindings.watermarkAnnotations(au));
            System.out.printf("| %s | %d | %s | %s | %s | %s | %s | %.1f%% |%n", dir, raw.length,
                cell(ab, oldKMeans(l2, 6, restarts, seed), 6, true), cell(ab, stored, k, true),
                cell(ab, KMeans.of(k, restarts, seed).fit(l2).assignment(), k, false),
                cell(ab, KMeans.of(6, restarts, seed).fit(raw).assignment(), 6, false), cell(ab, stored, k, false),
                100 * wu.meanAbsB() / wu.meanAbsA());
        }
    }

    static double[][] vectors(ImacsResult r, EmbeddingNorm norm) {
        return r.segments().stream().map(s -> {
            float[] f = new float[s.embedding().size()];
            for (int i = 0; i < f.length; i++) f[i] = s.embedding().get(i);
            return norm.apply(f);
        }).toArray(double[][]::new);
    }

    /**
     * Top cluster's share of B's segments on a watermark, how many B segments it holds, and whether B's mean there
     * is above A's. {@code paperOrder}: order by |mean A - mean B| alone, not IMACS's order.
     */
    static String cell(ImacsResult r, int[] assignment, int k, boolean paperOrder) {
        List<ClusterSummarizer.Member> members = r.segments().stream()
            .map(s -> new ClusterSummarizer.Member(s.model(), 0, s.attribution(), s.outcome(), s.image())).toList();
        List<ClusterSummary> clusters = ClusterSummarizer.summarize(ClusterSummarizer.assigned(members, assignment), k,
            r.manifest().histogramEdges(), new MeanDifferenceResampling(r.clusters().stream()
                .filter(c -> c.difference() != null).findFirst().orElseThrow().difference().resamples(), ((Number) r.manifest().parameters().get("seed")).longValue()));
        if (paperOrder) {
            List<ClusterSummary> sorted = clusters.stream().sorted(Comparator.comparingDouble((ClusterSummary c) -> -(c.imbalance() == null ? 0 : Math.abs(c.imbalance())))
                .thenComparingInt(ClusterSummary::id)).toList();
            clusters = clusters.stream().map(c -> new ClusterSummary(c.id(), sorted.indexOf(c), c.size(), c.count(), c.mean(), c.imbalance(),
                c.histogram(), c.outcomes(), c.difference())).toList();
        }
        List<SegmentEntry> segs = new ArrayList<>();
        for (int i = 0; i < assignment.length; i++) {
            SegmentEntry s = r.segments().get(i);
            segs.add(new SegmentEntry(s.id(), s.model(), s.image(), s.label(), s.predicted(), s.outcome(), s.segment(), s.rank(), s.box(),
                s.workingBox(), s.attribution(), s.standardError(), s.classAttributions(), assignment[i], 0, s.tile(), s.embedding()));
        }
        ImacsResult cut = new ImacsResult(r.manifest(), r.images(), segs, clusters, List.of());
        ShortcutFindings f = ShortcutFindings.of(cut, ShortcutFindings.watermarkAnnotations(cut));
        return String.format("%.2f (%d B, B %s A)", f.bShortcutShare(), f.countB(), f.meanB() > f.meanA() ? ">" : "<=");
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
