package io.imacs.pipeline;

import io.imacs.comparison.Analysis;
import io.imacs.comparison.AnalysisOptions;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.model.Role;
import io.imacs.cluster.EmbeddingNorm;
import io.imacs.attribution.Baselines;
import io.imacs.attribution.IntegratedGradients;
import io.imacs.data.EvalSet;
import io.imacs.data.EvalSetLoader;
import io.imacs.image.ImageFiles;
import io.imacs.image.PixelImage;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ModelSpec;
import io.imacs.model.Output;
import io.imacs.model.Preprocessor;
import io.imacs.rank.IntegratedGradientsRanker;
import io.imacs.rank.SegmentRanker;
import io.imacs.result.AlternativeClustering;
import io.imacs.result.ClusterSummary;
import io.imacs.result.ImacsResult;
import io.imacs.result.ResultJson;
import io.imacs.result.SegmentEntry;
import io.imacs.progress.Progress;
import io.imacs.score.ExactShapleyScorer;
import io.imacs.score.SegmentScorer;
import io.imacs.segment.GridSegmenter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on pure-Java models and generated images: real computations, no natives. */
class ImacsPipelineTest {
    @TempDir static Path dir;
    static Path data;

    /** 60 images of 16x16: a dominant colour (the label, 20% mislabelled), a red patch in some top-left corners. */
    @BeforeAll static void images() throws Exception {
        data = dir.resolve("data");
        writeImages(data);
    }

    static void writeImages(Path data) throws Exception {
        Random r = new Random(5);
        String[] classes = {"red", "green", "blue"};
        for (int i = 0; i < 60; i++) {
            int colour = i % 3;
            float[] a = new float[3 * 256];
            for (int c = 0; c < 3; c++)
                for (int p = 0; p < 256; p++) a[c * 256 + p] = (c == colour ? 0.6f : 0.2f) + 0.2f * r.nextFloat();
            if (r.nextInt(3) == 0) // a red patch only the quadrant model sees
                for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) { a[y * 16 + x] = 1f; a[256 + y * 16 + x] = 0; a[512 + y * 16 + x] = 0; }
            String label = r.nextInt(5) == 0 ? classes[(colour + 1) % 3] : classes[colour];
            ImageFiles.writePng(new PixelImage(16, 16, a), data.resolve(label).resolve(String.format("img%02d.png", i)));
        }
    }

    static ImacsResult run(Path out, long seed) {
        return run(out, seed, ImacsConfig.Sampling.BALANCED);
    }

    static ImacsResult run(Path out, long seed, ImacsConfig.Sampling sampling) {
        return run(out, seed, sampling, null);
    }

    static ImacsResult run(Path out, long seed, ImacsConfig.Sampling sampling, EmbeddingNorm norm) {
        return run(out, seed, sampling, norm, 3);
    }

    static ImacsResult run(Path out, long seed, ImacsConfig.Sampling sampling, EmbeddingNorm norm, int clusters) {
        return run(out, seed, sampling, norm, clusters, m -> 16);
    }

    /** Ranks segment c first for class c (then by index): which classes an image was ranked toward is visible. */
    static final class ClassMarkingRanker implements SegmentRanker {
        @Override public List<double[]> rank(List<io.imacs.rank.RankRequest> requests) {
            return requests.stream().map(r -> {
                double[] s = new double[r.segments().size()];
                for (int j = 0; j < s.length; j++) s[j] = j == r.targetClass() ? 1 : 0.001 * j;
                return s;
            }).toList();
        }
        @Override public String describe() { return "class-marking"; }
    }

    /** A small analysis of the 8x8 fixtures: 16 images per model, M = 3, k-means with 3 restarts. */
    static Analysis small(int clusters, long seed) {
        return Analysis.defaults().with(AnalysisOptions.IMAGES_PER_MODEL, 16).with(AnalysisOptions.SEGMENTS_PER_IMAGE, 3)
            .with(AnalysisOptions.CLUSTERS, clusters).with(AnalysisOptions.SEED, seed).with(AnalysisOptions.BLUR_SIGMA, 2.0)
            .with(AnalysisOptions.BATCH_SIZE, 16).with(AnalysisOptions.TOP_K, 2).with(AnalysisOptions.KMEANS_RESTARTS, 3)
            .with(AnalysisOptions.HISTOGRAM_BINS, 10);
    }

    static ImacsResult runMarked(Path out, AttributionClasses attributionClasses) {
        ImacsConfig config = small(3, 5).with(AnalysisOptions.ATTRIBUTION_CLASSES, attributionClasses).config("red");
        AttributionFactory factory = new AttributionFactory() {
            @Override public SegmentRanker ranker(ImageClassifier m) { return new ClassMarkingRanker(); }
            @Override public SegmentScorer scorer(ImageClassifier m) { return new ExactShapleyScorer(m, Output.PROBABILITY, 16); }
        };
        var models = new ImacsPipeline.Models(new LinearColourModels.Classifier("whole", false, 6),
            new LinearColourModels.Classifier("quadrant", true, 6), new LinearColourModels.MeanColourEmbedder(),
            new Preprocessor(new ModelSpec(List.of(8, 8), null, null, null, null, null, null, null, null, null, null)));
        return new ImacsPipeline(config, new GridSegmenter(4), factory, Progress.NONE).run(EvalSetLoader.load(data, List.of()), models, Map.of(), "test", out);
    }

    /**
     * Paper section 4: with "topk" an image is ranked toward the target and each of its top-k predicted
     * classes, and the kept segments are the best over those classes; with "target" toward the target only.
     */
    @Test void topKRankingKeepsTheSegmentsOfEveryPredictedClass() {
        for (AttributionClasses mode : AttributionClasses.values()) {
            ImacsResult r = runMarked(dir.resolve("rank-" + mode), mode);
            Map<String, java.util.Set<Integer>> kept = new java.util.HashMap<>();
            Map<String, java.util.Set<String>> classes = new java.util.HashMap<>();
            for (SegmentEntry s : r.segments()) {
                kept.computeIfAbsent(s.model() + s.image(), k -> new java.util.TreeSet<>()).add(s.segment());
                classes.computeIfAbsent(s.model() + s.image(), k -> new java.util.TreeSet<>()).addAll(s.classAttributions().keySet());
            }
            boolean someImageHadAnotherClass = false;
            for (String key : kept.keySet()) {
                java.util.Set<Integer> expected = new java.util.TreeSet<>();
                for (String c : classes.get(key)) expected.add(LinearColourModels.CLASSES.indexOf(c));
                assertTrue(kept.get(key).containsAll(expected), mode + " " + key + ": kept " + kept.get(key) + ", classes " + classes.get(key));
                someImageHadAnotherClass |= expected.size() > 1;
            }
            assertEquals(mode == AttributionClasses.TOPK, someImageHadAnotherClass, mode.name());
        }
    }

    /** IG ranking with {@code steps.applyAsInt(model)} steps, exact Shapley scoring. */
    static ImacsResult run(Path out, long seed, ImacsConfig.Sampling sampling, EmbeddingNorm norm, int clusters,
                           java.util.function.ToIntFunction<ImageClassifier> steps) {
        ImacsConfig config = small(clusters, seed).with(AnalysisOptions.ATTRIBUTION_CLASSES, AttributionClasses.TOPK)
            .with(AnalysisOptions.SAMPLING, sampling.kind()).with(AnalysisOptions.DISAGREEMENT, sampling.disagreement() ? sampling.threshold() : 0.5)
            .with(AnalysisOptions.EMBEDDING_NORM, norm == null ? EmbeddingNorm.NONE : norm).config("red");
        AttributionFactory factory = new AttributionFactory() {
            @Override public SegmentRanker ranker(ImageClassifier m) {
                return new IntegratedGradientsRanker(m.gradients().orElseThrow(), Output.PROBABILITY,
                    new IntegratedGradients(steps.applyAsInt(m), IntegratedGradients.Rule.RIEMANN_MIDDLE, 16), Baselines.black());
            }
            @Override public SegmentScorer scorer(ImageClassifier m) { return new ExactShapleyScorer(m, Output.PROBABILITY, 16); }
        };
        EvalSet set = EvalSetLoader.load(data, List.of());
        var models = new ImacsPipeline.Models(new LinearColourModels.Classifier("whole", false, 6),
            new LinearColourModels.Classifier("quadrant", true, 6), new LinearColourModels.MeanColourEmbedder(),
            new Preprocessor(new ModelSpec(List.of(8, 8), null, null, null, null, null, null, null, null, null, null)));
        return new ImacsPipeline(config, new GridSegmenter(4), factory, Progress.NONE).run(set, models, Map.of(), "test", out);
    }

    @Test void endToEndResultIsConsistent() throws Exception {
        Path out = dir.resolve("run1");
        ImacsResult r = run(out, 1);
        int sampled = r.manifest().sampling().values().stream().mapToInt(s -> s.sampled().values().stream().mapToInt(Integer::intValue).sum()).sum();
        assertEquals(3 * sampled, r.segments().size(), "M segments per sampled image and model");
        assertEquals(3, r.clusters().size());
        assertEquals(r.segments().size(), r.clusters().stream().mapToInt(ClusterSummary::size).sum());
        for (SegmentEntry s : r.segments()) {
            assertTrue(Files.isRegularFile(out.resolve(s.tile())), s.tile());
            assertTrue(s.classAttributions().containsKey("red"));
            assertEquals(s.attribution(), s.classAttributions().get("red"));
            assertTrue(s.rank() >= 1 && s.rank() <= 3);
        }
        r.images().forEach(i -> assertTrue(Files.isRegularFile(out.resolve(i.thumbnail()))));
        // the model that only sees the top-left quadrant attributes nothing to other segments
        for (SegmentEntry s : r.segments())
            if (s.model() == Role.B && s.workingBox().x() >= 8 && s.workingBox().y() >= 8) assertEquals(0, s.attribution(), 1e-6);
        // ordering: clusters whose difference holds first, each group by imbalance
        List<ClusterSummary> byOrder = r.clusters().stream().sorted((a, b) -> Integer.compare(a.order(), b.order())).toList();
        for (int i = 1; i < byOrder.size(); i++) {
            boolean before = holds(byOrder.get(i - 1)), after = holds(byOrder.get(i));
            assertTrue(before && !after || before == after && Math.abs(byOrder.get(i - 1).imbalance()) >= Math.abs(byOrder.get(i).imbalance()));
        }
        assertTrue(r.manifest().warnings().stream().noneMatch(w -> w.contains("efficiency")), r.manifest().warnings().toString());
    }

    private static boolean holds(ClusterSummary c) { return c.difference() != null && c.difference().holds(); }

    /** Two ranking methods in one comparison are never silent: the manifest warns (and so the summary and report). */
    @Test void modelsRankedByDifferentMethodsAreWarnedAbout() {
        ImacsResult same = run(dir.resolve("same-method"), 3);
        assertTrue(same.manifest().warnings().stream().noneMatch(w -> w.contains("different methods")), same.manifest().warnings().toString());
        ImacsResult mixed = run(dir.resolve("mixed-methods"), 3, ImacsConfig.Sampling.BALANCED, null, 3, m -> m.info().name().equals("whole") ? 16 : 8);
        assertNotEquals(mixed.manifest().parameters().get("rankA"), mixed.manifest().parameters().get("rankB"));
        assertTrue(mixed.manifest().warnings().stream().anyMatch(w -> w.contains("ranked by different methods")
            && w.contains("ig steps=16") && w.contains("ig steps=8")), mixed.manifest().warnings().toString());
    }

    /** Paper section 5.4: both models explained on the images where they disagree confidently. */
    @Test void disagreementSamplingTakesTheSameConfidentlyDisputedImagesForBoth() {
        ImacsResult r = run(dir.resolve("disagree"), 1, new ImacsConfig.Sampling(io.imacs.sample.SamplingKind.DISAGREEMENT, 0.2));
        assertEquals("disagreement >= 0.2", r.manifest().parameters().get("sampling"));
        var byModel = new java.util.TreeMap<Role, java.util.Set<String>>();
        r.segments().forEach(s -> byModel.computeIfAbsent(s.model(), k -> new java.util.TreeSet<>()).add(s.image()));
        assertEquals(byModel.get(Role.A), byModel.get(Role.B), "the same images for both models");
        assertFalse(byModel.get(Role.A).isEmpty());
        for (var i : r.images()) {
            double d = Math.abs(i.predictions().get(Role.A).targetProbability() - i.predictions().get(Role.B).targetProbability());
            assertTrue(d >= 0.2 - 1e-6, i.id() + " disagreement " + d);
        }
    }

    /** result.json keeps each embedding as k-means saw it, and says in which space: distances are measured there. */
    @Test void embeddingsAreStoredInTheSpaceTheyWereClusteredIn() {
        for (EmbeddingNorm norm : EmbeddingNorm.values()) {
            ImacsResult r = run(dir.resolve("norm-" + norm.id()), 2, ImacsConfig.Sampling.BALANCED, norm);
            assertEquals(norm.id(), r.manifest().parameters().get("embeddingNorm"));
            double minLength = Double.MAX_VALUE, maxLength = 0;
            for (SegmentEntry s : r.segments()) {
                double len = Math.sqrt(s.embedding().stream().mapToDouble(v -> v * v).sum());
                minLength = Math.min(minLength, len);
                maxLength = Math.max(maxLength, len);
                // the distance to the centroid is the distance to the mean of the stored vectors of its cluster
                int d = s.embedding().size();
                double[] mean = new double[d];
                List<SegmentEntry> members = r.segments().stream().filter(o -> o.cluster() == s.cluster()).toList();
                for (SegmentEntry o : members) for (int j = 0; j < d; j++) mean[j] += o.embedding().get(j) / members.size();
                double dist = 0;
                for (int j = 0; j < d; j++) dist += Math.pow(s.embedding().get(j) - mean[j], 2);
                assertEquals(Math.sqrt(dist), s.distance(), 1e-5, norm + " segment " + s.id());
            }
            if (norm == EmbeddingNorm.L2) assertEquals(1, minLength, 1e-6);
            else assertTrue(maxLength - minLength > 0.05, "raw lengths vary: " + minLength + " .. " + maxLength);
        }
    }

    /** One clustering: the report's alternative for k is exactly what --clusters k gives, summaries and tests included. */
    @Test void everyOtherKIsWhatThatKWouldGive() throws Exception {
        ImacsResult three = run(dir.resolve("k3"), 5, ImacsConfig.Sampling.BALANCED, null, 3);
        int n = three.segments().size();
        assertEquals(java.util.stream.IntStream.rangeClosed(2, Math.min(12, n)).filter(k -> k != 3).boxed().toList(),
            three.clusterings().stream().map(AlternativeClustering::k).toList());
        for (int k : new int[] {2, 5}) {
            ImacsResult direct = run(dir.resolve("k" + k), 5, ImacsConfig.Sampling.BALANCED, null, k);
            AlternativeClustering alt = three.clusterings().stream().filter(a -> a.k() == k).findFirst().orElseThrow();
            assertEquals(direct.segments().stream().map(SegmentEntry::cluster).toList(), alt.cluster(), "k " + k);
            assertEquals(direct.segments().stream().map(SegmentEntry::distance).toList(), alt.distance(), "k " + k);
            assertEquals(ResultJson.MAPPER.writeValueAsString(direct.clusters()), ResultJson.MAPPER.writeValueAsString(alt.clusters()), "k " + k);
            // and the run's k is among the direct run's alternatives, equal to the first run's own clusters
            AlternativeClustering back = direct.clusterings().stream().filter(a -> a.k() == 3).findFirst().orElseThrow();
            assertEquals(three.segments().stream().map(SegmentEntry::cluster).toList(), back.cluster());
            assertEquals(ResultJson.MAPPER.writeValueAsString(three.clusters()), ResultJson.MAPPER.writeValueAsString(back.clusters()));
        }
    }

    @Test void sameSeedSameBytes() throws Exception {
        ResultJson.write(run(dir.resolve("s1"), 3), dir.resolve("s1/result.json"));
        ResultJson.write(run(dir.resolve("s2"), 3), dir.resolve("s2/result.json"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("s1/result.json")), Files.readAllBytes(dir.resolve("s2/result.json")));
        ImacsResult back = ResultJson.read(dir.resolve("s1/result.json"));
        assertEquals(run(dir.resolve("s3"), 3).segments(), back.segments());
    }

    @Test void unknownClassListsTheNames() {
        ImacsConfig c = small(3, 0).config("purple");
        var models = new ImacsPipeline.Models(new LinearColourModels.Classifier("whole", false, 6),
            new LinearColourModels.Classifier("quadrant", true, 6), new LinearColourModels.MeanColourEmbedder(),
            new Preprocessor(new ModelSpec(List.of(8, 8), null, null, null, null, null, null, null, null, null, null)));
        ImacsException e = assertThrows(ImacsException.class, () -> new ImacsPipeline(c, new GridSegmenter(4), null, Progress.NONE)
            .run(EvalSetLoader.load(data, List.of()), models, Map.of(), "t", dir.resolve("x")));
        assertTrue(e.getMessage().contains("purple") && e.getMessage().contains("red, green, blue"), e.getMessage());
    }

    /**
     * Issue 14: labels a model has no class for count as its errors, and models with different class lists are
     * matched by name; both were silent. Each is warned about in the manifest and as the run goes.
     */
    @Test void unknownLabelsAndDifferentClassListsAreWarnedAbout() throws Exception {
        List<String> rows = new java.util.ArrayList<>(List.of("path,label"));
        for (io.imacs.data.EvalImage i : EvalSetLoader.load(data, List.of()).images())
            rows.add("data/" + i.id() + "," + (rows.size() == 1 ? "purple" : i.label()));
        Path csv = Files.write(dir.resolve("purple.csv"), rows);
        List<String> told = new java.util.ArrayList<>();
        Progress progress = new Progress() {
            @Override public void start(String stage, long total) {}
            @Override public void advance(long units) {}
            @Override public void finish() {}
            @Override public void warn(String message) { told.add(message); }
        };
        AttributionFactory factory = new AttributionFactory() {
            @Override public SegmentRanker ranker(ImageClassifier m) { return new ClassMarkingRanker(); }
            @Override public SegmentScorer scorer(ImageClassifier m) { return new ExactShapleyScorer(m, Output.PROBABILITY, 16); }
        };
        var models = new ImacsPipeline.Models(new LinearColourModels.Classifier("whole", false, 6),
            new LinearColourModels.Classifier("quadrant", true, 6, List.of("red", "green", "teal")), new LinearColourModels.MeanColourEmbedder(),
            new Preprocessor(new ModelSpec(List.of(8, 8), null, null, null, null, null, null, null, null, null, null)));
        EvalSet set = EvalSetLoader.load(csv, List.of());
        long blue = set.images().stream().filter(i -> i.label().equals("blue")).count();
        List<String> warnings = new ImacsPipeline(small(3, 5).config("red"), new GridSegmenter(4), factory, progress)
            .run(set, models, Map.of(), "test", dir.resolve("purple")).manifest().warnings();
        String classes = "models A and B have different classes (A: red, green, blue; B: red, green, teal): `targetClass` red is matched by name, "
            + "output 0 of A and output 0 of B";
        String a = "`data` " + csv + ": 1 of 60 images have a label that is not a class of model A (purple; e.g. " + set.images().get(0).id()
            + " is 'purple'): no prediction can match it, so these images count as errors in the accuracy of model A";
        String b = "`data` " + csv + ": " + (blue + 1) + " of 60 images have a label that is not a class of model B (blue, purple; e.g. ";
        for (List<String> said : List.of(warnings, told)) {
            assertTrue(said.contains(classes), said.toString());
            assertTrue(said.contains(a), said.toString());
            assertTrue(said.stream().anyMatch(w -> w.startsWith(b) && w.endsWith("in the accuracy of model B")), said.toString());
        }
        // the same class lists: no word about them, and one warning for both models
        var same = new ImacsPipeline.Models(models.a(), new LinearColourModels.Classifier("quadrant", true, 6), models.embedder(), models.embedderPreprocessor());
        List<String> both = new ImacsPipeline(small(3, 5).config("red"), new GridSegmenter(4), factory, Progress.NONE)
            .run(set, same, Map.of(), "test", dir.resolve("purple-same")).manifest().warnings();
        assertTrue(both.stream().noneMatch(w -> w.contains("different classes")), both.toString());
        assertTrue(both.contains(a.replace("model A", "models A and B")), both.toString());
    }
}
