package io.imacs.demo;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imacs.cache.ContentHash;
import io.imacs.image.PixelImage;
import io.imacs.image.Resize;
import io.imacs.model.ModelSpec;
import io.imacs.segment.Box;
import io.imacs.segment.GridSegmenter;
import io.imacs.segment.Segment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The demo's four models, trained with DJL's PyTorch engine or loaded from the cache:
 * A on clean data, B on data with the watermark on part of one class, U untrained (seeded
 * initialisation), and E, an independent embedder trained on a broader crop-kind task.
 * A and B share initialisation and data order, so the watermark is their only difference.
 * <p>Cache layout: {@code <cacheDir>/<key>/} with {@code A-0000.params} and sidecar {@code A-0000.json}
 * (likewise B, U, E; E holds the feature extractor, {@code E-kinds} the extractor plus its kind head),
 * {@code training.json} and {@code key.txt}. The key hashes every generator and training parameter.
 */
public final class DemoModels implements AutoCloseable {

    /** One model: its DJL model (block and parameters), its sidecar, and where its parameters are cached. */
    public record DemoModel(String name, Model model, ModelSpec spec, Path paramsFile) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DONE = "complete";
    private static final long HELD_OUT_SEED = 0x5EED_0FF;

    private final Path dir;
    private final boolean trained;
    private final Map<String, DemoModel> models;
    private final Model embedderKinds;
    private final List<ClassifierReport> classifierReports;
    private final EmbedderReport embedderReport;

    private DemoModels(Path dir, boolean trained, Map<String, DemoModel> models, Model embedderKinds,
                       List<ClassifierReport> classifierReports, EmbedderReport embedderReport) {
        this.dir = dir;
        this.trained = trained;
        this.models = models;
        this.embedderKinds = embedderKinds;
        this.classifierReports = List.copyOf(classifierReports);
        this.embedderReport = embedderReport;
    }

    /** {@code $XDG_CACHE_HOME/imacs/demo}, else {@code ~/.cache/imacs/demo}. */
    public static Path defaultCacheDir() {
        return io.imacs.files.UserCache.dir("demo");
    }

    /** The cache key: a hash of every generator and training parameter and the network version. */
    public static String cacheKey(DemoScenario scenario, TrainingParams params) {
        return ContentHash.sha256(keyText(scenario, params).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static String keyText(DemoScenario scenario, TrainingParams params) {
        return scenario.describe() + "\n" + params.describe() + "\n" + DemoNets.VERSION + "\n";
    }

    /**
     * Loads the models for {@code data}'s scenario and {@code params} from {@code cacheDir}, training
     * and caching them first when absent; then measures every model on the evaluation sets.
     */
    public static DemoModels loadOrTrain(ScenarioData data, TrainingParams params, Path cacheDir, Consumer<String> log) throws IOException {
        Path dir = cacheDir.resolve(cacheKey(data.scenario(), params));
        boolean trained = false;
        if (!Files.isRegularFile(dir.resolve(DONE))) {
            trainInto(data, params, dir, log);
            trained = true;
        } else {
            log.accept("models from cache " + dir);
        }
        return load(data, dir, trained);
    }

    public DemoModel a() { return models.get("A"); }
    public DemoModel b() { return models.get("B"); }
    public DemoModel u() { return models.get("U"); }
    /** The embedder: its model outputs {@link DemoNets#EMBEDDING_DIM} features per crop. */
    public DemoModel e() { return models.get("E"); }
    /** True when this call trained the models, false when they came from the cache. */
    public boolean trained() { return trained; }
    public Path directory() { return dir; }
    /** Reports of A, B and U, in that order. */
    public List<ClassifierReport> classifierReports() { return classifierReports; }
    public EmbedderReport embedderReport() { return embedderReport; }

    /** E's embedding of each image (any size; resized to E's input). */
    public float[][] embed(List<PixelImage> crops) {
        DemoModel e = e();
        return DemoTrainer.forward(e.model(), e.model().getBlock(), resized(crops));
    }

    @Override public void close() {
        models.values().forEach(m -> m.model().close());
        embedderKinds.close();
    }

    // ---- training ----

    private record Trained(double seconds, List<Double> epochLoss, int skippedSteps) {}

    private static void trainInto(ScenarioData data, TrainingParams p, Path dir, Consumer<String> log) throws IOException {
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        deleteTree(tmp);
        Files.createDirectories(tmp);
        int size = data.scenario().imageSize(), k = data.classes().size();
        Shape input = new Shape(1, 3, size, size);
        ModelSpec spec = DemoNets.classifierSpec(size, data.classes());
        Map<String, Trained> history = new LinkedHashMap<>();

        for (String name : List.of("A", "B")) {
            List<DemoSample> set = name.equals("A") ? data.trainA() : data.trainB();
            log.accept("training " + name + " on " + set.size() + " images" + (name.equals("B") ? " (" + data.scenario().wording().sets().get(1) + ")" : ""));
            try (Model m = DemoTrainer.initialise(name, DemoNets.classifier(k), input, p.seed())) {
                long t0 = System.nanoTime();
                DemoTrainer.History h = DemoTrainer.train(m, images(set), labels(set), p, p.epochs(), p.seed());
                history.put(name, new Trained((System.nanoTime() - t0) / 1e9, epochMeans(h, p.epochs()), h.skippedSteps()));
                save(m, tmp, name, spec);
            }
        }
        try (Model u = DemoTrainer.initialise("U", DemoNets.classifier(k), input, p.seed() + 3)) {
            save(u, tmp, "U", spec);
            history.put("U", new Trained(0, List.of(), 0));
        }

        EmbedderCrops crops = new EmbedderCrops(data.scenario().source(), size, p.seed() + 5);
        List<EmbedderCrops.Crop> train = crops.generate(p.embedderCrops(), 0);
        log.accept("training E on " + train.size() + " crops of " + crops.kinds().size() + " kinds");
        SequentialBlock full = DemoNets.embedder(crops.kinds().size());
        int side = DemoNets.EMBEDDER_INPUT;
        try (Model e = DemoTrainer.initialise("E-kinds", full, new Shape(1, 3, side, side), p.seed() + 5);
             Model features = Model.newInstance("E", "PyTorch")) {
            long t0 = System.nanoTime();
            DemoTrainer.History h = DemoTrainer.train(e, train.stream().map(EmbedderCrops.Crop::image).toList(),
                train.stream().mapToInt(EmbedderCrops.Crop::kind).toArray(), p, p.embedderEpochs(), p.seed() + 5);
            history.put("E", new Trained((System.nanoTime() - t0) / 1e9, epochMeans(h, p.embedderEpochs()), h.skippedSteps()));
            save(e, tmp, "E-kinds", DemoNets.embedderSpec(crops.kinds()).withOutputName("kinds"));
            features.setBlock(DemoNets.featuresOf(full));
            save(features, tmp, "E", DemoNets.embedderSpec(crops.kinds()));
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve("training.json").toFile(), history);
        Files.writeString(tmp.resolve("key.txt"), keyText(data.scenario(), p));
        Files.writeString(tmp.resolve(DONE), "");
        deleteTree(dir);  // a partial directory from an interrupted run
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void save(Model m, Path dir, String name, ModelSpec spec) throws IOException {
        m.save(dir, name);
        Files.writeString(ModelSpec.sidecarOf(paramsFile(dir, name)), spec.toJson());
    }

    private static Path paramsFile(Path dir, String name) { return dir.resolve(name + "-0000.params"); }

    private static List<Double> epochMeans(DemoTrainer.History h, int epochs) {
        List<Double> out = new ArrayList<>();
        for (int e = 0; e < epochs; e++) out.add(h.meanOfEpoch(e));
        return out;
    }

    // ---- loading and evaluation ----

    private static DemoModels load(ScenarioData data, Path dir, boolean trained) throws IOException {
        Map<String, DemoModel> models = new LinkedHashMap<>();
        Model kinds = null;
        try {
            int k = data.classes().size();
            for (String name : List.of("A", "B", "U")) models.put(name, loadModel(dir, name, DemoNets.classifier(k)));
            ModelSpec eSpec = ModelSpec.load(paramsFile(dir, "E"));
            models.put("E", loadModel(dir, "E", DemoNets.embedderFeatures()));
            kinds = loadModel(dir, "E-kinds", DemoNets.embedder(eSpec.classes().size())).model();
        } catch (RuntimeException | IOException e) {
            models.values().forEach(m -> m.model().close());
            throw e;
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> history = JSON.readValue(dir.resolve("training.json").toFile(), Map.class);
        List<ClassifierReport> reports = new ArrayList<>();
        for (String name : List.of("A", "B", "U")) reports.add(evaluate(name, models.get(name).model(), data, history.get(name)));
        EmbedderReport er = evaluateEmbedder(kinds, ModelSpec.load(paramsFile(dir, "E")).classes(), data, history.get("E"));
        return new DemoModels(dir, trained, models, kinds, reports, er);
    }

    private static DemoModel loadModel(Path dir, String name, Block block) throws IOException {
        Path file = paramsFile(dir, name);
        Model m = Model.newInstance(name, "PyTorch");
        m.setBlock(block);
        try {
            m.load(dir, name);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            m.close();
            throw new IOException(file + ": cannot load cached demo model (" + e.getMessage() + "); delete " + dir + " to retrain", e);
        }
        return new DemoModel(name, m, ModelSpec.load(file), file);
    }

    private static ClassifierReport evaluate(String name, Model m, ScenarioData data, Map<String, Object> h) {
        DemoScenario scenario = data.scenario();
        int target = scenario.targetLabel();
        int[] reference = DemoTrainer.predict(m, images(data.reference()));
        int[] eval = DemoTrainer.predict(m, images(data.eval()));
        int fooled = 0, others = 0;
        for (int i = 0; i < eval.length; i++) {
            DemoSample s = data.eval().get(i);
            if (scenario.carriesShortcut(s) && s.label() != target) {
                others++;
                if (eval[i] == target) fooled++;
            }
        }
        return new ClassifierReport(name, accuracy(reference, data.reference()), accuracy(eval, data.eval()),
            others == 0 ? Double.NaN : (double) fooled / others, seconds(h), losses(h));
    }

    private static EmbedderReport evaluateEmbedder(Model kinds, List<String> kindNames, ScenarioData data, Map<String, Object> h) {
        int text = kindNames.indexOf(EmbedderCrops.TEXT);
        // Held-out crops: another seed and stream than the training crops.
        List<EmbedderCrops.Crop> heldOut = new EmbedderCrops(data.scenario().source(), data.scenario().imageSize(),
            HELD_OUT_SEED).generate(30, 1);
        int[] pred = DemoTrainer.predict(kinds, heldOut.stream().map(EmbedderCrops.Crop::image).toList());
        int right = 0;
        for (int i = 0; i < pred.length; i++) if (pred[i] == heldOut.get(i).kind()) right++;

        GridSegmenter grid = new GridSegmenter(4);
        List<PixelImage> wmCells = new ArrayList<>(), cleanCells = new ArrayList<>();
        for (DemoSample s : data.eval()) {
            if (!s.hasWatermark()) continue;
            for (Segment seg : grid.segment(s.image())) {
                Box c = seg.box();
                if (c.overlap(s.watermark()) >= 0.25 * c.w() * c.h()) wmCells.add(cell(s.image(), c));
            }
        }
        for (DemoSample s : data.reference()) for (Segment seg : grid.segment(s.image())) cleanCells.add(cell(s.image(), seg.box()));
        return new EmbedderReport(kindNames, (double) right / pred.length, share(DemoTrainer.predict(kinds, wmCells), text),
            share(DemoTrainer.predict(kinds, cleanCells), text), seconds(h), losses(h));
    }

    private static PixelImage cell(PixelImage img, Box b) {
        int w = img.width(), p = img.plane(), cp = b.w() * b.h();
        float[] out = new float[3 * cp];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < b.h(); y++)
                System.arraycopy(img.chw(), c * p + (b.y() + y) * w + b.x(), out, c * cp + y * b.w(), b.w());
        return Resize.bilinear(new PixelImage(b.w(), b.h(), out), DemoNets.EMBEDDER_INPUT, DemoNets.EMBEDDER_INPUT);
    }

    private static List<PixelImage> resized(List<PixelImage> crops) {
        return crops.stream().map(c -> Resize.bilinear(c, DemoNets.EMBEDDER_INPUT, DemoNets.EMBEDDER_INPUT)).toList();
    }

    private static double share(int[] pred, int kind) {
        if (pred.length == 0) return Double.NaN;
        int n = 0;
        for (int v : pred) if (v == kind) n++;
        return (double) n / pred.length;
    }

    private static double accuracy(int[] pred, List<DemoSample> set) {
        int right = 0;
        for (int i = 0; i < pred.length; i++) if (pred[i] == set.get(i).label()) right++;
        return (double) right / pred.length;
    }

    private static double seconds(Map<String, Object> h) { return ((Number) h.get("seconds")).doubleValue(); }

    @SuppressWarnings("unchecked")
    private static List<Double> losses(Map<String, Object> h) {
        return ((List<Number>) h.get("epochLoss")).stream().map(Number::doubleValue).toList();
    }

    static List<PixelImage> images(List<DemoSample> set) { return set.stream().map(DemoSample::image).toList(); }

    static int[] labels(List<DemoSample> set) { return set.stream().mapToInt(DemoSample::label).toArray(); }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
