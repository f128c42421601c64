package io.imacs.pipeline;

import io.imacs.cache.RunCache;
import io.imacs.cluster.Clustering;
import io.imacs.cluster.ClusterSweep;
import io.imacs.data.EvalImage;
import io.imacs.data.EvalSet;
import io.imacs.data.WorkingImageReader;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ImageEmbedder;
import io.imacs.model.Preprocessor;
import io.imacs.model.Role;
import io.imacs.predict.PredictionTable;
import io.imacs.predict.Predictor;
import io.imacs.progress.Progress;
import io.imacs.result.AlternativeClustering;
import io.imacs.result.ClusterLabel;
import io.imacs.result.ClusterSummary;
import io.imacs.result.ImacsResult;
import io.imacs.result.ImageEntry;
import io.imacs.result.ModelPrediction;
import io.imacs.result.RunManifest;
import io.imacs.result.SegmentEntry;
import io.imacs.sample.ConfusionOutcome;
import io.imacs.sample.ConfusionSample;
import io.imacs.sample.ConfusionSampler;
import io.imacs.sample.DisagreementSampler;
import io.imacs.sample.SampledImage;
import io.imacs.rank.SegmentRanker;
import io.imacs.score.SegmentScorer;
import io.imacs.segment.Segmenter;
import io.imacs.summarize.ClusterLabeler;
import io.imacs.summarize.ClusterSummarizer;
import io.imacs.summarize.FindingWriter;
import io.imacs.summarize.MeanDifferenceResampling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The IMACS pipeline (paper Figure 2): predict, sample, segment, rank, score, embed, cluster, summarize.
 * Data flow one way through the stages; this class only wires them and assembles the result.
 */
public final class ImacsPipeline {
    /** Resamples of each cluster's permutation test and bootstrap interval: p-values resolve to about 0.0005. */
    static final int DIFFERENCE_RESAMPLES = 2000;

    /** The models of one comparison. */
    public record Models(ImageClassifier a, ImageClassifier b, ImageEmbedder embedder, Preprocessor embedderPreprocessor) {
        ImageClassifier get(Role role) { return role == Role.A ? a : b; }
    }

    private final ImacsConfig config;
    private final Segmenter segmenter;
    private final AttributionFactory attribution;
    private final Progress progress;
    private final RunCache cache;
    private final ImageStages stages;

    public ImacsPipeline(ImacsConfig config, Segmenter segmenter, AttributionFactory attribution, Progress progress) {
        this(config, segmenter, attribution, progress, RunCache.none(), ImageStages.HERE);
    }

    private ImacsPipeline(ImacsConfig config, Segmenter segmenter, AttributionFactory attribution, Progress progress, RunCache cache,
                          ImageStages stages) {
        this.config = config;
        this.segmenter = segmenter;
        this.attribution = attribution;
        this.progress = progress;
        this.cache = cache;
        this.stages = stages;
    }

    /**
     * The same pipeline reading and storing model results in {@code cache}: a rerun that changes only later
     * stages (clusters, sorting, filters) makes no model pass, and a killed run resumes where it stopped.
     */
    public ImacsPipeline withCache(RunCache cache) {
        return new ImacsPipeline(config, segmenter, attribution, progress, cache, stages);
    }

    /** The same pipeline running its per-image stages where {@code where} puts them (e.g. on a Spark cluster). */
    public ImacsPipeline withStages(ImageStages where) {
        return new ImacsPipeline(config, segmenter, attribution, progress, cache, where);
    }

    /** The predict stage on {@code images} in this process: what a worker runs on its part of the images. */
    public Predictor.Result predictHere(List<EvalImage> images, Models models) {
        Map<Role, ImageClassifier> classifiers = new EnumMap<>(Role.class);
        for (Role r : Role.values()) classifiers.put(r, models.get(r));
        return Predictor.predict(images, reader(models), classifiers, config.batchSize(), progress, cache);
    }

    /**
     * Segment, rank, score and embed part of model {@code role}'s sample in this process: what a worker runs on its
     * part. Tiles and thumbnails go to {@code drawings} (path under the output directory, PNG bytes).
     */
    public List<ScoredSegment> attributeHere(Role role, List<SampledImage> part, List<EvalImage> images, PredictionTable table,
                                             Models models, Consumer<String> warnings, Drawings drawings) {
        SegmentAttributionStage stage = attributionStage(models, drawings);
        AttributionFactory chosen = chosen(models);
        return stage.run(role, models.get(role), chosen.ranker(models.get(role)), chosen.scorer(models.get(role)), part, images, table,
            progress, warnings);
    }

    /** Where the attribute stage puts a tile or thumbnail: its path under the output directory and its PNG bytes. */
    public interface Drawings {
        void write(String path, byte[] png);

        /** As files under {@code outDir}, as a run in one process writes them. */
        static Drawings files(Path outDir) { return SegmentAttributionStage.files(outDir); }
    }

    private SegmentAttributionStage attributionStage(Models models, Drawings drawings) {
        return new SegmentAttributionStage(config, reader(models), segmenter, models.embedder(),
            models.embedderPreprocessor().neutralPixel(), drawings, cache);
    }

    /** The rank and score methods, chosen once for both models (paper section 4). */
    private AttributionFactory chosen(Models models) {
        return attribution.forModels(java.util.Arrays.stream(Role.values()).map(models::get).toList());
    }

    /** The working size: {@code imageSize}, or model A's input size. */
    private int[] size(Models models) {
        return config.imageSize() != null ? config.imageSize()
            : new int[] {models.a().info().inputHeight(), models.a().info().inputWidth()};
    }

    private WorkingImageReader reader(Models models) {
        int[] size = size(models);
        return new WorkingImageReader(size[1], size[0]);
    }

    /**
     * Runs the comparison. Tiles and thumbnails are written under {@code outDir}; the returned result
     * refers to them by relative path.
     */
    public ImacsResult run(EvalSet data, Models models, Map<String, RunManifest.ModelRecord> modelRecords,
                           String version, Path outDir) {
        return run(data, null, models, modelRecords, version, outDir);
    }

    /**
     * With {@code dataB}, model A is studied on {@code data} and model B on {@code dataB}: the paper's
     * concept-drift comparison (section 6.2), e.g. one model on two datasets. Image ids then start with
     * {@code A/} or {@code B/}. Both models still predict every image, so each image shows both views.
     */
    public ImacsResult run(EvalSet data, EvalSet dataB, Models models, Map<String, RunManifest.ModelRecord> modelRecords,
                           String version, Path outDir) {
        String c = config.targetClass();
        checkClass(data, "data", models);
        if (dataB != null) checkClass(dataB, "dataB", models);
        List<String> noticed = inputWarnings(data, dataB, models);
        boolean paired = dataB != null;
        if (paired) data = data.pairedWith(dataB);
        int[] size = size(models);
        List<String> warnings = new ArrayList<>();
        noticed.addAll(data.warnings());
        for (String w : noticed) { progress.warn(w); warnings.add(w); }

        for (String s : data.skipped()) progress.warn("skipped " + s);
        Predictor.Result predicted = stages.predict(data.images(), config.batchSize(), part -> predictHere(part, models), progress);
        if (predicted.usable().isEmpty())
            throw new ImacsException("`data` " + data.location() + ": none of the " + data.images().size()
                + " images could be read; first problem: " + predicted.skipped().get(0));
        List<EvalImage> images = predicted.usable();
        List<String> labels = images.stream().map(EvalImage::label).toList();
        for (Role r : Role.values()) {
            boolean found = false;
            for (EvalImage i : images) found |= i.label().equals(c) && EvalSet.belongsTo(i.id(), r, paired);
            if (!found) throw new ImacsException("`targetClass` " + c + ": no readable image of model " + r + "'s data has this label");
        }

        Samples sampled = sample(images, labels, predicted, paired, warnings);
        Map<Role, ConfusionOutcome[]> outcomes = sampled.outcomes();
        Map<Role, ConfusionSample> samples = sampled.samples();

        // one stage for both models: an image both sampled has its thumbnail drawn and written once
        SegmentAttributionStage stage = attributionStage(models, SegmentAttributionStage.files(outDir));
        List<ScoredSegment> scored = new ArrayList<>();
        Map<String, Object> methods = new TreeMap<>();
        AttributionFactory chosen = chosen(models);
        for (Role r : Role.values()) {
            ImageClassifier m = models.get(r);
            SegmentRanker ranker = chosen.ranker(m);
            SegmentScorer scorer = chosen.scorer(m);
            // describe() says exactly which method and parameters made the numbers
            methods.put("rank" + r.name(), ranker.describe());
            methods.put("score" + r.name(), scorer.describe());
            PredictionTable table = predicted.tables().get(r);
            scored.addAll(stages.attribute(r, samples.get(r).images(), SegmentAttributionStage.chunk(config), images, table,
                part -> stage.run(r, m, ranker, scorer, part, images, table, progress, warnings::add), progress, warnings::add));
        }
        if (scored.isEmpty()) throw new ImacsException("no segments were scored: the samples of both models are empty");
        int segmentsUsed = segmentsUsed(scored, warnings);
        if (!methods.get("rankA").equals(methods.get("rankB")))
            warnings.add("models A and B are ranked by different methods (A: " + methods.get("rankA") + "; B: " + methods.get("rankB")
                + "): differences between their clusters may come from the methods rather than the models");

        double[][] points = scored.stream().map(s -> config.embeddingNorm().apply(s.embedding())).toArray(double[][]::new);
        DerivedValues derived = new DerivedValues(cache, points);
        Map<Integer, Clustering> sweep = cluster(points, warnings, derived);
        int k = Math.min(config.clusters(), scored.size());
        Clustering clustering = sweep.get(k);

        progress.start("summarize", sweep.size()); // every k's statistics: resampling tests, labels
        List<ClusterSummarizer.Member> members = new ArrayList<>();
        for (ScoredSegment s : scored)
            members.add(new ClusterSummarizer.Member(s.sample().model(), 0, s.attribution(), s.sample().outcome(), images.get(s.sample().image()).id()));
        double[] edges = ClusterSummarizer.edges(members, config.histogramBins());
        MeanDifferenceResampling test = new MeanDifferenceResampling(DIFFERENCE_RESAMPLES, config.seed(), derived);
        List<SegmentEntry> segments = segmentEntries(scored, clustering, images, predicted, size);
        List<ImageEntry> imageEntries = imageEntries(scored, images, predicted, outcomes);
        ClusterLabeler.SegmentTraits traits = ClusterLabeler.traits(segments, imageEntries);  // once for every k
        List<ClusterSummary> clusters = summarize(members, traits, clustering.assignment(), k, edges, test);
        progress.advance(1);
        List<AlternativeClustering> alternatives = new ArrayList<>();
        sweep.forEach((other, alt) -> {
            if (other == k) return;
            alternatives.add(new AlternativeClustering(other, alt.inertia(), boxed(alt.assignment()), boxed(alt.distance()),
                summarize(members, traits, alt.assignment(), other, edges, test)));
            progress.advance(1);
        });
        progress.finish();
        derived.store();
        methods.put("differenceTest", "permutation test and percentile bootstrap of mean A - mean B over whole images (an image's segments move together), "
            + DIFFERENCE_RESAMPLES + " resamples, seed " + config.seed());

        RunManifest manifest = new RunManifest("imacs", version, c, parameters(size, segmentsUsed, methods), modelRecords,
            datasetRecord(data, predicted), samplingRecords(samples), accuracy(predicted.tables(), labels, outcomes, sampled.own()),
            edges, warnings);
        return new ImacsResult(manifest, imageEntries, segments, clusters, alternatives, FindingWriter.findings(clusters, segments));
    }

    /** The summarize stage for one clustering: statistics per cluster, each named from the annotations where one stands out. */
    private static List<ClusterSummary> summarize(List<ClusterSummarizer.Member> members, ClusterLabeler.SegmentTraits traits,
                                                  int[] assignment, int k, double[] edges, MeanDifferenceResampling test) {
        Map<Integer, ClusterLabel> labels = ClusterLabeler.label(traits, assignment, k);
        return ClusterSummarizer.summarize(ClusterSummarizer.assigned(members, assignment), k, edges, test).stream()
            .map(s -> s.withLabel(labels.get(s.id()))).toList();
    }

    /** Each model's confusion cell on every image, which images are its own, and its sample. */
    private record Samples(Map<Role, ConfusionOutcome[]> outcomes, Map<Role, boolean[]> own, Map<Role, ConfusionSample> samples) {}

    /** The sample stage: a balanced confusion matrix per model (paper) or the images they disagree on (section 5.4). */
    private Samples sample(List<EvalImage> images, List<String> labels, Predictor.Result predicted, boolean paired, List<String> warnings) {
        String c = config.targetClass();
        Map<Role, ConfusionOutcome[]> outcomes = new EnumMap<>(Role.class);
        Map<Role, boolean[]> own = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            boolean[] mine = new boolean[images.size()];
            for (int i = 0; i < mine.length; i++) mine[i] = EvalSet.belongsTo(images.get(i).id(), r, paired);
            own.put(r, mine);
            outcomes.put(r, ConfusionSampler.outcomes(predicted.tables().get(r), labels, c));
        }
        Map<Role, ConfusionSample> samples = new EnumMap<>(Role.class);
        if (config.sampling().disagreement()) {
            if (paired) throw new ImacsException("`sampling` disagreement compares the models on the same images; it cannot be used with `dataB`");
            samples.putAll(new DisagreementSampler(config.imagesPerModel(), config.sampling().threshold(), config.seed())
                .sample(predicted.tables().get(Role.A), predicted.tables().get(Role.B), c, outcomes));
        } else {
            ConfusionSampler sampler = new ConfusionSampler(config.imagesPerModel(), config.fillShortfalls(), config.seed());
            for (Role r : Role.values()) samples.put(r, sampler.sample(r, outcomes.get(r), own.get(r)));
        }
        for (Role r : Role.values()) warnings.addAll(samples.get(r).shortfalls());
        if (samples.values().stream().allMatch(s -> s.images().isEmpty()))
            throw new ImacsException("no image to explain: " + String.join("; ", warnings));
        return new Samples(outcomes, own, samples);
    }

    /**
     * The cluster stage over both models' segments together, at the run's k and at every k the report offers
     * ({@link ClusterSweep}), of the segments' embeddings in the space {@code --embedding-norm} chooses.
     */
    private Map<Integer, Clustering> cluster(double[][] vectors, List<String> warnings, DerivedValues derived) {
        int k = Math.min(config.clusters(), vectors.length);
        if (k < config.clusters()) warnings.add("`clusters` " + config.clusters() + " lowered to " + k + ": only " + k + " segments");
        ClusterSweep sweep = new ClusterSweep(k, config.restarts(), config.seed());
        progress.start("cluster", sweep.ks(vectors.length).size());
        Map<Integer, Clustering> out = stages.cluster(sweep, vectors, () -> progress.advance(1), derived);
        progress.finish();
        return out;
    }

    private static List<Integer> boxed(int[] v) { return java.util.Arrays.stream(v).boxed().toList(); }

    private static List<Double> boxed(double[] v) { return java.util.Arrays.stream(v).boxed().toList(); }

    private void checkClass(EvalSet data, String option, Models models) {
        String c = config.targetClass();
        for (Role r : Role.values()) {
            List<String> names = models.get(r).info().classNames();
            if (!names.contains(c))
                throw new ImacsException("`targetClass` " + c + " is not a class of model " + r + " (" + models.get(r).info().path()
                    + "); its classes are: " + String.join(", ", names));
        }
        if (!data.labels().contains(c))
            throw new ImacsException("`targetClass` " + c + " is not among the labels of `" + option + "` " + data.location()
                + "; labels are: " + String.join(", ", data.labels()));
    }

    /**
     * What the inputs allow but may not mean: models whose class lists differ (the target class is found by name in
     * each), and labels that are no class of a model (it can never predict them, so they count as its errors).
     */
    private List<String> inputWarnings(EvalSet data, EvalSet dataB, Models models) {
        List<String> out = new ArrayList<>();
        List<String> a = models.a().info().classNames(), b = models.b().info().classNames();
        String c = config.targetClass();
        if (!a.equals(b))
            out.add("models A and B have " + (Set.copyOf(a).equals(Set.copyOf(b)) ? "the same classes in a different order" : "different classes")
                + " (A: " + String.join(", ", a) + "; B: " + String.join(", ", b) + "): `targetClass` " + c
                + " is matched by name, output " + a.indexOf(c) + " of A and output " + b.indexOf(c) + " of B");
        if (dataB == null) {
            List<EvalImage> ua = unknownLabels(data, a), ub = unknownLabels(data, b);
            if (ua.equals(ub)) addUnknownLabels(out, data, "data", ua, "models A and B");
            else {
                addUnknownLabels(out, data, "data", ua, "model A");
                addUnknownLabels(out, data, "data", ub, "model B");
            }
        } else {  // each model's accuracy is on its own data
            addUnknownLabels(out, data, "data", unknownLabels(data, a), "model A");
            addUnknownLabels(out, dataB, "dataB", unknownLabels(dataB, b), "model B");
        }
        return out;
    }

    private static List<EvalImage> unknownLabels(EvalSet data, List<String> classes) {
        return data.images().stream().filter(i -> !classes.contains(i.label())).toList();
    }

    private static void addUnknownLabels(List<String> out, EvalSet data, String option, List<EvalImage> unknown, String models) {
        if (unknown.isEmpty()) return;
        List<String> labels = unknown.stream().map(EvalImage::label).distinct().sorted().toList();
        out.add("`" + option + "` " + data.location() + ": " + unknown.size() + " of " + data.images().size()
            + " images have a label that is not a class of " + models + " (" + String.join(", ", labels.subList(0, Math.min(5, labels.size())))
            + (labels.size() > 5 ? ", ..." : "") + "; e.g. " + unknown.get(0).id() + " is '" + unknown.get(0).label()
            + "'): no prediction can match it, so these images count as errors in the accuracy of " + models);
    }

    /**
     * The most segments scored on one image: {@code segmentsPerImage} unless the segmentation gives fewer (a 4 x 4
     * grid has 16, a 1 x 1 grid one), in which case every segment of those images was scored, and a warning says so.
     */
    private int segmentsUsed(List<ScoredSegment> scored, List<String> warnings) {
        Map<String, Integer> perImage = new TreeMap<>();
        for (ScoredSegment s : scored) perImage.merge(s.sample().model() + "/" + s.sample().image(), 1, Integer::sum);
        int m = config.segmentsPerImage();
        int most = 0, fewest = Integer.MAX_VALUE, fewer = 0;
        for (int n : perImage.values()) {
            most = Math.max(most, n);
            fewest = Math.min(fewest, n);
            if (n < m) fewer++;
        }
        if (fewer > 0) {
            String w = "`segmentsPerImage` " + m + " is more than the segmentation (" + segmenter.describe() + ") gives: "
                + (fewer == perImage.size() && fewest == most
                    ? (most == 1 ? "each image has 1 segment, which was scored" : "each image has " + most + " segments, all of them scored")
                    : fewer + " of " + perImage.size() + " sampled images have fewer (as few as " + fewest + "), each with all its segments scored")
                + "; the manifest records segmentsPerImageUsed " + most;
            warnings.add(w);
            progress.warn(w);
        }
        return most;
    }

    private Map<String, Object> parameters(int[] size, int segmentsUsed, Map<String, Object> methods) {
        Map<String, Object> p = config.asMap();
        p.put("segmentsPerImageUsed", segmentsUsed);
        p.put("imageSize", List.of(size[0], size[1]));
        p.put("blurSigmaUsed", config.sigmaFor(size[1], size[0]));
        p.put("segmentation", segmenter.describe());
        p.putAll(methods);
        if (stages.describe() != null) p.put("stagesRanOn", stages.describe());
        return p;
    }

    private List<SegmentEntry> segmentEntries(List<ScoredSegment> scored, Clustering clustering, List<EvalImage> images,
                                              Predictor.Result predicted, int[] size) {
        List<SegmentEntry> out = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            ScoredSegment s = scored.get(i);
            int img = s.sample().image();
            int[] orig = predicted.originalSizes().get(img);
            PredictionTable t = predicted.tables().get(s.sample().model());
            out.add(new SegmentEntry(i, s.sample().model(), images.get(img).id(), images.get(img).label(), t.predictedClass(img),
                s.sample().outcome(), s.segment().index(), s.rank(),
                s.segment().box().scaled((double) orig[0] / size[1], (double) orig[1] / size[0]), s.segment().box(),
                s.attribution(), s.standardError(), s.classAttributions(), clustering.assignment()[i],
                clustering.distance()[i], s.tile(), asClustered(s.embedding())));
        }
        return out;
    }

    /** The embedding in the space k-means clustered it (--embedding-norm), so users can re-cluster it as the run did. */
    private List<Float> asClustered(float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (double x : config.embeddingNorm().apply(v)) out.add((float) x);
        return out;
    }

    private List<ImageEntry> imageEntries(List<ScoredSegment> scored, List<EvalImage> images, Predictor.Result predicted,
                                          Map<Role, ConfusionOutcome[]> outcomes) {
        Map<Integer, Set<Role>> sampledBy = new TreeMap<>();
        Map<String, ScoredSegment> firstOf = new HashMap<>(); // per model and image: its segments share the ranking's steps and gap
        for (ScoredSegment s : scored) {
            sampledBy.computeIfAbsent(s.sample().image(), x -> EnumSet.noneOf(Role.class)).add(s.sample().model());
            firstOf.putIfAbsent(s.sample().model() + "/" + s.sample().image(), s);
        }
        List<ImageEntry> out = new ArrayList<>();
        for (Map.Entry<Integer, Set<Role>> e : sampledBy.entrySet()) {
            int i = e.getKey();
            EvalImage img = images.get(i);
            Map<Role, ModelPrediction> preds = new EnumMap<>(Role.class);
            for (Role r : Role.values()) {
                PredictionTable t = predicted.tables().get(r);
                int ci = t.classNames().indexOf(config.targetClass());
                ScoredSegment s = firstOf.get(r + "/" + i);
                Integer steps = s == null || s.rankSteps() == 0 ? null : s.rankSteps();
                Double gap = s == null || Double.isNaN(s.completenessGap()) ? null : s.completenessGap();
                preds.put(r, new ModelPrediction(t.predictedClass(i), t.probability(i, ci), outcomes.get(r)[i], e.getValue().contains(r), steps, gap));
            }
            int[] orig = predicted.originalSizes().get(i);
            out.add(new ImageEntry(img.id(), img.label(), new TreeMap<>(img.annotations()), orig[0], orig[1],
                SegmentAttributionStage.thumbnailPath(i), preds));
        }
        return out;
    }

    private static RunManifest.DatasetRecord datasetRecord(EvalSet data, Predictor.Result predicted) {
        List<String> skipped = new ArrayList<>(data.skipped());
        skipped.addAll(predicted.skipped());
        Map<String, Integer> perLabel = new TreeMap<>();
        for (EvalImage i : predicted.usable()) perLabel.merge(i.label(), 1, Integer::sum);
        return new RunManifest.DatasetRecord(data.location(), data.images().size() + data.skipped().size(),
            predicted.usable().size(), skipped, perLabel, data.filters());
    }

    private static Map<Role, RunManifest.SamplingRecord> samplingRecords(Map<Role, ConfusionSample> samples) {
        Map<Role, RunManifest.SamplingRecord> out = new EnumMap<>(Role.class);
        samples.forEach((r, s) -> out.put(r, new RunManifest.SamplingRecord(names(s.requested()), names(s.available()),
            names(s.sampled()), s.shortfalls())));
        return out;
    }

    private static Map<String, Integer> names(Map<ConfusionOutcome, Integer> m) {
        Map<String, Integer> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k.name(), v));
        return out;
    }

    /** Each model's accuracy on its own data (the whole set unless two datasets are compared). */
    private Map<Role, RunManifest.AccuracyRecord> accuracy(Map<Role, PredictionTable> tables, List<String> labels,
                                                           Map<Role, ConfusionOutcome[]> outcomes, Map<Role, boolean[]> own) {
        Map<Role, RunManifest.AccuracyRecord> out = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            PredictionTable t = tables.get(r);
            boolean[] mine = own.get(r);
            int correct = 0, n = 0;
            int[] cells = new int[4];
            for (int i = 0; i < labels.size(); i++) {
                if (!mine[i]) continue;
                n++;
                if (t.predictedClass(i).equals(labels.get(i))) correct++;
                cells[outcomes.get(r)[i].ordinal()]++;
            }
            int tp = cells[ConfusionOutcome.TP.ordinal()], tn = cells[ConfusionOutcome.TN.ordinal()], fn = cells[ConfusionOutcome.FN.ordinal()];
            out.put(r, new RunManifest.AccuracyRecord((double) correct / n, (double) (tp + tn) / n, tp + fn == 0 ? 0 : (double) tp / (tp + fn)));
        }
        return out;
    }
}
