package io.imacs.report;

import io.imacs.cluster.ClusterSweep;
import io.imacs.model.Role;
import io.imacs.result.AlternativeClustering;
import io.imacs.result.ClusterSummary;
import io.imacs.result.ImacsResult;
import io.imacs.result.ImageEntry;
import io.imacs.result.ModelPrediction;
import io.imacs.result.RunManifest;
import io.imacs.result.SegmentEntry;
import io.imacs.sample.ConfusionOutcome;
import io.imacs.segment.Box;
import io.imacs.summarize.ClusterSummarizer;
import io.imacs.summarize.MeanDifferenceResampling;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * A realistic run output directory for tests: working-size images drawn from a few visual concepts on a 4x4 grid,
 * M segments per image and model with attributions that depend on (concept, model) as in the paper's watermark
 * story, tiles cropped from the images, and cluster summaries computed from the segments.
 */
record SyntheticRun(ImacsResult result, Path dir) {

    static final int WORK = 96, GRID = 4, CELL = WORK / GRID, ORIGINAL = 384;
    /** Mean attribution per concept (cluster) and model: concept 0 is the "watermark" only model B uses. */
    static final double[][] MEAN = {{0.0, 0.30}, {0.18, 0.14}, {0.06, 0.02}, {-0.04, 0.01}, {0.10, -0.02}};

    /** Names used in the data: plain ones, or hostile ones that try to inject markup. */
    record Names(String target, String imagePrefix, String annotation, String modelPath, String thumbPrefix) {
        static final Names PLAIN = new Names("sunflowers", "eval/sunflowers/img_", "sunny", "models/a.onnx", "images/");
        static final Names HOSTILE = new Names("sun<script>window.__pwned=1</script>\"flowers'",
            "eval/it's \"<b class=pwn>bold</b>\"\u2028img_", "<img src=x class=pwn onerror=\"window.__pwned=2\">",
            "models/a\"><script>window.__pwned=3</script>.onnx", "images/q\"'<i>");
    }

    static SyntheticRun create(Path dir, int images, int segmentsPerImage, int clusters, long seed, Names names) throws IOException {
        Random rnd = new Random(seed);
        Files.createDirectories(dir.resolve("tiles"));
        Files.createDirectories(dir.resolve("images"));
        String[] others = {"daisy", "tulips", "roses"};
        ConfusionOutcome[] cells = ConfusionOutcome.values();
        List<ImageEntry> imageEntries = new ArrayList<>();
        List<SegmentEntry> segs = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            int[] concept = new int[GRID * GRID];
            for (int k = 0; k < concept.length; k++) concept[k] = rnd.nextInt(clusters);
            BufferedImage img = draw(concept, rnd);
            String thumb = names.thumbPrefix() + i + ".png";
            ImageIO.write(img, "png", dir.resolve(thumb).toFile());
            // model A cycles through the four cells (balanced); B agrees on the ground truth, not always on the prediction
            ConfusionOutcome oa = cells[i % 4];
            boolean positive = oa == ConfusionOutcome.TP || oa == ConfusionOutcome.FN;
            boolean bPredictsTarget = rnd.nextDouble() < (positive ? 0.7 : 0.35);
            ConfusionOutcome ob = ConfusionOutcome.of(positive, bPredictsTarget);
            String label = positive ? names.target() : others[i % others.length];
            String id = names.imagePrefix() + i + ".jpg";
            Map<Role, ModelPrediction> preds = new EnumMap<>(Role.class);
            preds.put(Role.A, prediction(oa, names.target(), others[(i + 1) % 3], rnd));
            preds.put(Role.B, prediction(ob, names.target(), others[(i + 2) % 3], rnd));
            // a box annotation "mark" on the first cell of concept 0, so that ClusterLabeler names cluster 0
            Map<String, String> ann = new java.util.TreeMap<>(Map.of("weather", names.annotation(), "index", String.valueOf(i)));
            double sc = (double) ORIGINAL / WORK;
            for (int k = 0; k < concept.length; k++)
                if (concept[k] == 0) {
                    Box mark = new Box((k % GRID) * CELL, (k / GRID) * CELL, CELL, CELL).scaled(sc, sc);
                    ann.putAll(Map.of("mark_x", "" + mark.x(), "mark_y", "" + mark.y(), "mark_w", "" + mark.w(), "mark_h", "" + mark.h()));
                    break;
                }
            imageEntries.add(new ImageEntry(id, label, ann, ORIGINAL, ORIGINAL, thumb, preds));
            for (Role model : Role.values()) {
                ModelPrediction p = preds.get(model);
                List<Integer> cellsLeft = new ArrayList<>();
                for (int k = 0; k < GRID * GRID; k++) cellsLeft.add(k);
                for (int r = 1; r <= segmentsPerImage; r++) {
                    int cell = cellsLeft.remove(rnd.nextInt(cellsLeft.size()));
                    int c = concept[cell];
                    Box wb = new Box((cell % GRID) * CELL, (cell / GRID) * CELL, CELL, CELL);
                    double a = MEAN[c % MEAN.length][model.ordinal()] + 0.06 * rnd.nextGaussian();
                    int sid = segs.size();
                    String tile = "tiles/s" + sid + ".png";
                    ImageIO.write(img.getSubimage(wb.x(), wb.y(), wb.w(), wb.h()), "png", dir.resolve(tile).toFile());
                    double scale = (double) ORIGINAL / WORK;
                    segs.add(new SegmentEntry(sid, model, id, label, p.predicted(), p.outcome(), cell, r, wb.scaled(scale, scale), wb,
                        a, 0, Map.of(names.target(), a), c, rnd.nextDouble(), tile, embedding(c, rnd)));
                }
            }
        }
        double[] edges = edges(segs);
        List<ClusterSummary> summaries = labelled(summaries(segs, clusters, edges), segs, segs.stream().mapToInt(SegmentEntry::cluster).toArray(), imageEntries);
        RunManifest manifest = manifest(names, imageEntries, edges, clusters, seed);
        return new SyntheticRun(new ImacsResult(manifest, imageEntries, segs, summaries, alternatives(segs, clusters, edges, seed, imageEntries),
            io.imacs.summarize.FindingWriter.findings(summaries, segs)), dir);
    }

    private static ModelPrediction prediction(ConfusionOutcome o, String target, String other, Random rnd) {
        boolean predicted = o == ConfusionOutcome.TP || o == ConfusionOutcome.FP;
        double q = predicted ? 0.5 + 0.5 * rnd.nextDouble() : 0.5 * rnd.nextDouble();
        return new ModelPrediction(predicted ? target : other, q, o, true, 8, 0.01);
    }

    /** Concept k drawn in its own look: watermark text, yellow disc, leaf stripes, sky, soil. */
    private static BufferedImage draw(int[] concept, Random rnd) {
        BufferedImage img = new BufferedImage(WORK, WORK, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int k = 0; k < concept.length; k++) {
            int x = (k % GRID) * CELL, y = (k / GRID) * CELL;
            int jitter = rnd.nextInt(30);
            switch (concept[k] % 5) {
                case 0 -> {
                    g.setColor(new Color(60 + jitter, 110, 60));
                    g.fillRect(x, y, CELL, CELL);
                    g.setColor(Color.WHITE);
                    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 8));
                    g.drawString("IMACS", x + 1, y + CELL / 2 + 3);
                }
                case 1 -> {
                    g.setColor(new Color(40, 120 + jitter, 40));
                    g.fillRect(x, y, CELL, CELL);
                    g.setColor(new Color(250, 200 + jitter / 2, 20));
                    g.fillOval(x + 2, y + 2, CELL - 4, CELL - 4);
                    g.setColor(new Color(90, 50, 20));
                    g.fillOval(x + CELL / 3, y + CELL / 3, CELL / 3, CELL / 3);
                }
                case 2 -> {
                    g.setColor(new Color(30, 90 + jitter, 30));
                    g.fillRect(x, y, CELL, CELL);
                    g.setColor(new Color(90, 170, 60));
                    g.setStroke(new BasicStroke(2));
                    for (int s = 0; s < CELL; s += 6) g.drawLine(x + s, y + CELL, x + s + 6, y);
                }
                case 3 -> {
                    g.setColor(new Color(110 + jitter, 170, 235));
                    g.fillRect(x, y, CELL, CELL);
                    g.setColor(new Color(245, 245, 250));
                    g.fillOval(x + 4, y + 6, CELL / 2, CELL / 4);
                }
                default -> {
                    g.setColor(new Color(120 + jitter, 85, 50));
                    g.fillRect(x, y, CELL, CELL);
                    g.setColor(new Color(80, 55, 30));
                    for (int s = 0; s < 6; s++) g.fillRect(x + rnd.nextInt(CELL - 3), y + rnd.nextInt(CELL - 3), 3, 3);
                }
            }
        }
        g.dispose();
        return img;
    }

    /** Bins of width 0.05 covering every attribution. */
    private static double[] edges(List<SegmentEntry> segs) {
        double lo = Math.floor(segs.stream().mapToDouble(SegmentEntry::attribution).min().orElse(0) * 20) / 20;
        double hi = Math.ceil(segs.stream().mapToDouble(SegmentEntry::attribution).max().orElse(1) * 20) / 20;
        int n = (int) Math.round((hi - lo) * 20);
        double[] e = new double[n + 1];
        for (int i = 0; i <= n; i++) e[i] = lo + i * 0.05;
        return e;
    }

    /** Bin i holds edges[i] <= a < edges[i+1]; the last bin is closed (the report's convention). */
    static int bin(double[] edges, double a) {
        int n = edges.length - 1;
        if (!(a >= edges[0])) return 0;
        if (a >= edges[n]) return n - 1;
        int i = 0;
        while (edges[i + 1] <= a) i++;
        return i;
    }

    private static List<ClusterSummary> summaries(List<SegmentEntry> segs, int clusters, double[] edges) {
        List<ClusterSummary> out = new ArrayList<>();
        double[] imbalance = new double[clusters];
        for (int c = 0; c < clusters; c++) {
            Map<Role, Integer> count = new EnumMap<>(Role.class);
            Map<Role, Double> mean = new EnumMap<>(Role.class);
            Map<Role, int[]> hist = new EnumMap<>(Role.class);
            Map<Role, Map<ConfusionOutcome, Integer>> outcomes = new EnumMap<>(Role.class);
            int size = 0;
            for (Role m : Role.values()) {
                int n = 0;
                double sum = 0;
                int[] h = new int[edges.length - 1];
                Map<ConfusionOutcome, Integer> oc = new EnumMap<>(ConfusionOutcome.class);
                for (ConfusionOutcome o : ConfusionOutcome.values()) oc.put(o, 0);
                for (SegmentEntry s : segs) {
                    if (s.cluster() != c || s.model() != m) continue;
                    n++;
                    sum += s.attribution();
                    h[bin(edges, s.attribution())]++;
                    oc.merge(s.outcome(), 1, Integer::sum);
                }
                count.put(m, n);
                mean.put(m, n == 0 ? null : sum / n);
                hist.put(m, h);
                outcomes.put(m, oc);
                size += n;
            }
            imbalance[c] = mean.get(Role.A) == null || mean.get(Role.B) == null ? 0 : mean.get(Role.A) - mean.get(Role.B);
            int cluster = c;
            double[][] values = java.util.Arrays.stream(Role.values()).map(m -> segs.stream().filter(s -> s.cluster() == cluster && s.model() == m)
                .mapToDouble(SegmentEntry::attribution).toArray()).toArray(double[][]::new);
            out.add(new ClusterSummary(c, -1, size, count, mean, mean.get(Role.A) == null || mean.get(Role.B) == null ? null : imbalance[c], hist, outcomes,
                new io.imacs.summarize.MeanDifferenceResampling(500, cluster).test(values[0], values[1])));
        }
        List<ClusterSummary> byImbalance = new ArrayList<>(out);
        byImbalance.sort(Comparator.comparingDouble((ClusterSummary s) -> s.imbalance() == null ? 0 : -Math.abs(s.imbalance())).thenComparingInt(ClusterSummary::id));
        List<ClusterSummary> ordered = new ArrayList<>();
        for (ClusterSummary s : out)
            ordered.add(new ClusterSummary(s.id(), byImbalance.indexOf(s), s.size(), s.count(), s.mean(), s.imbalance(), s.histogram(), s.outcomes(), s.difference()));
        return ordered;
    }

    /** The other ks as compare stores them: k-means on the embeddings, the core's summaries and tests. */
    private static List<AlternativeClustering> alternatives(List<SegmentEntry> segs, int runK, double[] edges, long seed, List<ImageEntry> images) {
        double[][] x = segs.stream().map(s -> s.embedding().stream().mapToDouble(Float::doubleValue).toArray()).toArray(double[][]::new);
        List<ClusterSummarizer.Member> members = segs.stream()
            .map(s -> new ClusterSummarizer.Member(s.model(), s.cluster(), s.attribution(), s.outcome(), s.image())).toList();
        List<AlternativeClustering> out = new ArrayList<>();
        new ClusterSweep(runK, 3, seed).fit(x, () -> {}).forEach((k, c) -> {
            if (k != runK) out.add(new AlternativeClustering(k, c.inertia(), java.util.Arrays.stream(c.assignment()).boxed().toList(),
                java.util.Arrays.stream(c.distance()).boxed().toList(),
                labelled(ClusterSummarizer.summarize(ClusterSummarizer.assigned(members, c.assignment()), k, edges, new MeanDifferenceResampling(200, seed)),
                    segs, c.assignment(), images)));
        });
        return out;
    }

    /** The summaries named from the annotations, as compare names them. */
    private static List<ClusterSummary> labelled(List<ClusterSummary> summaries, List<SegmentEntry> segs, int[] assignment, List<ImageEntry> images) {
        Map<Integer, io.imacs.result.ClusterLabel> labels = io.imacs.summarize.ClusterLabeler.label(segs, assignment, summaries.size(), images);
        return summaries.stream().map(s -> s.withLabel(labels.get(s.id()))).toList();
    }

    /** A unit vector near the cluster's own axis, so k-means finds the concepts again. */
    static List<Float> embedding(int cluster, java.util.Random rnd) {
        double[] v = new double[8];
        for (int i = 0; i < v.length; i++) v[i] = 0.15 * rnd.nextGaussian();
        v[cluster % v.length] += 1;
        double n = Math.sqrt(java.util.Arrays.stream(v).map(x -> x * x).sum());
        List<Float> out = new ArrayList<>();
        for (double x : v) out.add((float) (x / n));
        return out;
    }

    private static RunManifest manifest(Names names, List<ImageEntry> images, double[] edges, int clusters, long seed) {
        Map<String, Object> params = new TreeMap<>();
        params.put("clusters", clusters);
        params.put("segmenter", "grid 4x4");
        params.put("segmentsPerImage", 5);
        params.put("seed", seed);
        params.put("blurSigma", 0.1);
        params.put("note " + names.annotation(), List.of(names.target(), 1));
        Map<String, RunManifest.ModelRecord> models = new TreeMap<>();
        models.put("A", new RunManifest.ModelRecord(names.modelPath(), "onnx", "ab12cd", List.of(3, 96, 96), List.of(names.target(), "daisy", "tulips", "roses")));
        models.put("B", new RunManifest.ModelRecord("models/b.pt", "torchscript", "ef34", List.of(3, 96, 96), List.of(names.target(), "daisy", "tulips", "roses")));
        models.put("embedder", new RunManifest.ModelRecord("models/emb.onnx", "onnx", "99", List.of(3, 64, 64), List.of()));
        Map<Role, RunManifest.SamplingRecord> sampling = new EnumMap<>(Role.class);
        Map<Role, RunManifest.AccuracyRecord> accuracy = new EnumMap<>(Role.class);
        List<String> warnings = new ArrayList<>();
        int want = images.size() / 4 + 1; // asks for slightly more than a quarter: B falls short in some cells
        for (Role m : Role.values()) {
            Map<String, Integer> got = new TreeMap<>(), req = new TreeMap<>();
            int correct = 0;
            for (ConfusionOutcome o : ConfusionOutcome.values()) {
                req.put(o.name(), want);
                got.put(o.name(), 0);
            }
            for (ImageEntry e : images) {
                ConfusionOutcome o = e.predictions().get(m).outcome();
                got.merge(o.name(), 1, Integer::sum);
                if (o == ConfusionOutcome.TP || o == ConfusionOutcome.TN) correct++;
            }
            List<String> shortfalls = new ArrayList<>();
            got.forEach((o, n) -> {
                // as ConfusionSampler words them: the model first
                if (n < want) shortfalls.add(m + ": " + o + " has " + n + " image" + (n == 1 ? "" : "s") + ", " + want + " asked");
            });
            sampling.put(m, new RunManifest.SamplingRecord(req, got, got, shortfalls));
            double acc = (double) correct / images.size();
            accuracy.put(m, new RunManifest.AccuracyRecord(acc, acc, (double) got.get("TP") / (got.get("TP") + got.get("FN"))));
        }
        warnings.add("synthetic run for tests; label of " + names.annotation());
        RunManifest.DatasetRecord dataset = new RunManifest.DatasetRecord("eval/", images.size(), images.size(),
            List.of("eval/broken.jpg"), Map.of(names.target(), images.size() / 2), List.of());
        return new RunManifest("imacs", "0.1.0-test", names.target(), params, models, dataset, sampling, accuracy, edges, warnings);
    }
}
