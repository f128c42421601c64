package io.imacs.pipeline;

import io.imacs.cache.CacheKey;
import io.imacs.cache.CacheValues;
import io.imacs.cache.RunCache;
import io.imacs.data.EvalImage;
import io.imacs.data.WorkingImageReader;
import io.imacs.embed.SegmentCrop;
import io.imacs.files.OutputFiles;
import io.imacs.image.ExclusionFill;
import io.imacs.image.ImageFiles;
import io.imacs.image.PixelImage;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ImageEmbedder;
import io.imacs.model.Role;
import io.imacs.predict.PredictionTable;
import io.imacs.progress.Progress;
import io.imacs.rank.RankRequest;
import io.imacs.rank.Ranking;
import io.imacs.rank.SegmentRanker;
import io.imacs.sample.SampledImage;
import io.imacs.score.ScoreRequest;
import io.imacs.score.SegmentScorer;
import io.imacs.score.ShapleyValues;
import io.imacs.segment.Segment;
import io.imacs.segment.Segmenter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Segment, rank, score and embed the sampled images of one model, a chunk of images at a time, so only
 * the chunk's pixels are in memory. Work within a chunk is batched by the rankers and scorers.
 * With a cache, rankings, Shapley values and embeddings found there are not recomputed, and each chunk's
 * new values are stored in one transaction, so a run killed part way resumes with whole images done.
 */
final class SegmentAttributionStage {
    private final ImacsConfig config;
    private final WorkingImageReader reader;
    private final Segmenter segmenter;
    private final ImageEmbedder embedder;
    private final float[] neutral;
    private final ImacsPipeline.Drawings drawings;
    private final RunCache cache;
    /** Files written by this run: written once (both models may sample an image), replacing older runs' files. */
    private final Set<String> written = new HashSet<>();

    SegmentAttributionStage(ImacsConfig config, WorkingImageReader reader, Segmenter segmenter, ImageEmbedder embedder,
                            float[] neutral, ImacsPipeline.Drawings drawings, RunCache cache) {
        this.drawings = drawings;
        this.config = config;
        this.reader = reader;
        this.segmenter = segmenter;
        this.embedder = embedder;
        this.neutral = neutral;
        this.cache = cache;
    }

    /**
     * One sampled image of a chunk as it goes through the stage. Its pixels and segments are made only when some
     * value of it is not in the cache, so a fully cached rerun decodes no image.
     */
    private final class Item {
        final SampledImage sample;
        final EvalImage image;
        final String hash;
        final int[] classes;
        private PixelImage pixels;
        private List<Segment> segments;
        PixelImage fill;
        double[] rankScores;
        Ranking ranking;
        int[] top;
        Segment[] topSegments;
        ShapleyValues values;
        float[][] embeddings;

        Item(SampledImage sample, EvalImage image, String hash, int[] classes) {
            this.sample = sample;
            this.image = image;
            this.hash = hash;
            this.classes = classes;
        }

        PixelImage pixels() {
            if (pixels == null) pixels = reader.read(image);
            return pixels;
        }

        List<Segment> segments() {
            if (segments == null) segments = segmenter.segment(pixels());
            return segments;
        }
    }

    /** A file of the run's output (a tile or thumbnail): its path under the output directory and its PNG bytes. */
    private record Drawn(String path, byte[] png) {}

    /** Runs the stage; {@code onWarning} receives efficiency violations. */
    List<ScoredSegment> run(Role role, ImageClassifier model, SegmentRanker ranker, SegmentScorer scorer,
                            List<SampledImage> sample, List<EvalImage> images, PredictionTable table,
                            Progress progress, Consumer<String> onWarning) {
        int target = model.info().classIndex(config.targetClass());
        List<ScoredSegment> out = new ArrayList<>();
        int chunk = chunk(config);
        progress.start("attribute " + role + " (" + ranker.describe().split(" ")[0] + " + " + scorer.describe().split(" ")[0] + ")", sample.size());
        // Sequential by design: decoding and tile writing on a second thread overlapped with the model calls
        // measured no gain on two cores (ONNX Runtime and PyTorch already use both), see docs/benchmarks.md.
        for (int from = 0; from < sample.size(); from += chunk) {
            List<Item> items = prepare(sample.subList(from, Math.min(sample.size(), from + chunk)), images, table, target);
            Map<CacheKey, byte[]> fresh = new LinkedHashMap<>();
            rank(role, ranker, items, fresh);
            score(role, scorer, items, fresh);
            topSegments(items, fresh);
            embed(items, fresh);
            List<Drawn> drawn = new ArrayList<>();
            for (Item it : items) drawTiles(role, it, drawn, fresh);
            if (cache.enabled()) cache.store().putAll(fresh); // one transaction per chunk: a kill never leaves half an image
            for (Item it : items) {
                if (it.values.efficiencyGap() > 1e-4)
                    onWarning.accept(role + " " + images.get(it.sample.image()).id() + ": Shapley efficiency off by "
                        + String.format("%.2g", it.values.efficiencyGap()));
                out.addAll(scoredSegments(role, model, it));
            }
            for (Drawn d : drawn) write(d);
            progress.advance(items.size());
        }
        progress.finish();
        return out;
    }

    /** Sampled images per chunk: their rankings and scorings share batches. */
    static int chunk(ImacsConfig config) { return Math.max(1, Math.min(8, config.batchSize())); }

    /** A chunk's images, not yet decoded. */
    private List<Item> prepare(List<SampledImage> part, List<EvalImage> images, PredictionTable table, int target) {
        List<Item> items = new ArrayList<>();
        for (SampledImage s : part) {
            EvalImage img = images.get(s.image());
            items.add(new Item(s, img, cache.enabled() ? cache.imageHash(img.file()) : null, scoredClasses(table, s.image(), target)));
        }
        return items;
    }

    /**
     * Segment scores of every item, from the cache or one batched ranking of those it lacks. Each item is
     * ranked toward each of its classes (the target alone, or with "topk" also the image's top-k predicted
     * classes, paper section 4) and a segment's score is its best over those classes, so the M kept
     * segments are the ones that matter most for some class the model considers, not only for the target.
     */
    private void rank(Role role, SegmentRanker ranker, List<Item> items, Map<CacheKey, byte[]> fresh) {
        record Need(Item item, int cls) {}
        Map<Item, Ranking[]> perClass = new LinkedHashMap<>();
        List<Need> missing = new ArrayList<>();
        for (Item it : items) {
            Ranking[] rankings = new Ranking[it.classes.length];
            for (int c = 0; c < it.classes.length; c++) {
                rankings[c] = CacheValues.ranking(cache.store().get(rankKey(role, ranker, it, it.classes[c])));
                if (rankings[c] == null) missing.add(new Need(it, c));
            }
            perClass.put(it, rankings);
        }
        if (!missing.isEmpty()) {
            List<Ranking> rankings = ranker.ranked(missing.stream()
                .map(n -> new RankRequest(n.item().pixels(), n.item().segments(), n.item().classes[n.cls()], fill(n.item()))).toList());
            for (int i = 0; i < missing.size(); i++) {
                Need n = missing.get(i);
                perClass.get(n.item())[n.cls()] = rankings.get(i);
                fresh.put(rankKey(role, ranker, n.item(), n.item().classes[n.cls()]), CacheValues.ranking(rankings.get(i)));
            }
        }
        for (Item it : items) {
            Ranking[] r = perClass.get(it);
            it.rankScores = best(Arrays.stream(r).map(Ranking::scores).toArray(double[][]::new));
            it.ranking = mostSteps(r);
        }
    }

    /**
     * What the image's rankings took: the most steps and the largest gap over its classes (an auto run may give each
     * class its own steps); the scores are those of the first class.
     */
    static Ranking mostSteps(Ranking[] perClass) {
        int steps = 0;
        double gap = perClass[0].gap();
        for (Ranking r : perClass) {
            steps = Math.max(steps, r.steps());
            gap = Math.max(gap, r.gap()); // NaN (not measured) stays NaN
        }
        return new Ranking(perClass[0].scores(), steps, gap);
    }

    /** Per segment, the highest score over the classes (the scores of one class when there is one). */
    static double[] best(double[][] perClass) {
        double[] out = perClass[0].clone();
        for (int c = 1; c < perClass.length; c++)
            for (int j = 0; j < out.length; j++) out[j] = Math.max(out[j], perClass[c][j]);
        return out;
    }

    /** Shapley values of every item's top M segments, from the cache or one batched scoring of those it lacks. */
    private void score(Role role, SegmentScorer scorer, List<Item> items, Map<CacheKey, byte[]> fresh) {
        List<Item> missing = new ArrayList<>();
        for (Item it : items) {
            it.top = SegmentRanker.top(it.rankScores, config.segmentsPerImage());
            it.values = CacheValues.shapley(cache.store().get(scoreKey(role, scorer, it)));
            if (it.values == null) missing.add(it);
        }
        if (missing.isEmpty()) return;
        List<ShapleyValues> values = scorer.score(missing.stream().map(it -> new ScoreRequest(it.pixels(), fill(it),
            Arrays.stream(it.top).mapToObj(it.segments()::get).toList(), it.classes)).toList());
        for (int i = 0; i < missing.size(); i++) {
            Item it = missing.get(i);
            it.values = values.get(i);
            fresh.put(scoreKey(role, scorer, it), CacheValues.shapley(it.values));
        }
    }

    /** Each item's top segments, from the cache or from segmenting the image (then stored). */
    private void topSegments(List<Item> items, Map<CacheKey, byte[]> fresh) {
        for (Item it : items) {
            it.topSegments = new Segment[it.top.length];
            for (int r = 0; r < it.top.length; r++) {
                CacheKey key = segmentKey(it, it.top[r]);
                it.topSegments[r] = CacheValues.segment(cache.store().get(key));
                if (it.topSegments[r] != null) continue;
                it.topSegments[r] = it.segments().get(it.top[r]);
                fresh.put(key, CacheValues.segment(it.topSegments[r]));
            }
        }
    }

    /** Embeddings of every item's top segments; the crops the cache lacks share the embedder's batches. */
    private void embed(List<Item> items, Map<CacheKey, byte[]> fresh) {
        List<PixelImage> crops = new ArrayList<>();
        List<Item> cropOf = new ArrayList<>();
        List<Integer> cropRank = new ArrayList<>();
        for (Item it : items) {
            it.embeddings = new float[it.top.length][];
            for (int r = 0; r < it.top.length; r++) {
                it.embeddings[r] = CacheValues.floats(cache.store().get(embedKey(it, it.top[r])));
                if (it.embeddings[r] != null) continue;
                crops.add(SegmentCrop.of(it.pixels(), it.topSegments[r], neutral));
                cropOf.add(it);
                cropRank.add(r);
            }
        }
        float[][] vectors = embedBatched(crops);
        for (int e = 0; e < vectors.length; e++) {
            Item it = cropOf.get(e);
            it.embeddings[cropRank.get(e)] = vectors[e];
            fresh.put(embedKey(it, it.top[cropRank.get(e)]), CacheValues.floats(vectors[e]));
        }
    }

    private List<ScoredSegment> scoredSegments(Role role, ImageClassifier model, Item it) {
        List<ScoredSegment> out = new ArrayList<>();
        ShapleyValues v = it.values;
        for (int r = 0; r < it.top.length; r++) {
            int t = it.top[r];
            Map<String, Double> perClass = new LinkedHashMap<>();
            for (int c = 0; c < it.classes.length; c++) perClass.put(model.info().classNames().get(it.classes[c]), v.values()[c][r]);
            out.add(new ScoredSegment(it.sample, it.topSegments[r], r + 1, v.values()[0][r], v.standardError()[0][r], perClass,
                it.embeddings[r], tilePath(role, it.sample.image(), t), it.ranking.steps(), it.ranking.gap()));
        }
        return out;
    }

    /**
     * The image's thumbnail and its top segments' tiles, as PNG bytes: from the cache, or drawn (then stored), so a
     * rerun neither decodes nor encodes an image. Files this run already has are skipped.
     */
    private void drawTiles(Role role, Item it, List<Drawn> drawn, Map<CacheKey, byte[]> fresh) {
        int image = it.sample.image();
        drawn.add(png(thumbnailPath(image), CacheKey.of("thumbnail", DRAWING, it.hash, reader.width(), reader.height()), it::pixels, fresh));
        for (int r = 0; r < it.top.length; r++) {
            Segment segment = it.topSegments[r];
            drawn.add(png(tilePath(role, image, it.top[r]), CacheKey.of("tile", DRAWING, it.hash, reader.width(), reader.height(),
                segmenter.describe(), it.top[r]), () -> SegmentCrop.of(it.pixels(), segment, TILE_BACKGROUND), fresh));
        }
    }

    /** The PNG bytes at {@code path}: cached, or drawn and encoded now; none (null) when this run already wrote the file. */
    private Drawn png(String path, CacheKey key, java.util.function.Supplier<PixelImage> draw, Map<CacheKey, byte[]> fresh) {
        byte[] png = cache.enabled() ? cache.store().get(key) : null;
        if (png == null && !written.contains(path)) {
            png = ImageFiles.png(draw.get());
            if (cache.enabled()) fresh.put(key, png);
        }
        return new Drawn(path, png);
    }

    /** The exclusion fill, made only when a model pass needs it. */
    private PixelImage fill(Item it) {
        if (it.fill == null)
            it.fill = config.exclusion().fill(it.pixels(), config.sigmaFor(reader.width(), reader.height()), config.seed() + it.sample.image());
        return it.fill;
    }

    /** Exactly what changes the fill: its kind, sigma, and for noise the seed (which follows the image's index). */
    private String fillKey(Item it) {
        String k = config.exclusion().id() + " sigma=" + config.sigmaFor(reader.width(), reader.height());
        return config.exclusion() == ExclusionFill.NOISE ? k + " seed=" + (config.seed() + it.sample.image()) : k;
    }

    private CacheKey rankKey(Role role, SegmentRanker ranker, Item it, int target) {
        if (!cache.enabled()) return NO_KEY;
        return CacheKey.of("rank", cache.modelKey(role.name()), it.hash, reader.width(), reader.height(), segmenter.describe(),
            ranker.describe(), target, fillKey(it));
    }

    private CacheKey scoreKey(Role role, SegmentScorer scorer, Item it) {
        if (!cache.enabled()) return NO_KEY;
        return CacheKey.of("shapley", cache.modelKey(role.name()), it.hash, reader.width(), reader.height(), segmenter.describe(),
            scorer.describe(), it.top, it.classes, fillKey(it));
    }

    private CacheKey segmentKey(Item it, int segment) {
        if (!cache.enabled()) return NO_KEY;
        return CacheKey.of("segment", it.hash, reader.width(), reader.height(), segmenter.describe(), segment);
    }

    private CacheKey embedKey(Item it, int segment) {
        if (!cache.enabled()) return NO_KEY;
        return CacheKey.of("embedding", cache.modelKey("embedder"), it.hash, reader.width(), reader.height(), segmenter.describe(),
            segment, java.util.Arrays.toString(neutral));
    }

    /** Stands in for keys when caching is off (the store ignores it). */
    private static final CacheKey NO_KEY = new CacheKey("none", "");

    /** Tiles show pixels outside a non-rectangular segment's mask as mid grey. */
    private static final float[] TILE_BACKGROUND = {0.5f, 0.5f, 0.5f};

    /**
     * How tiles and thumbnails are drawn (crop, grey outside the mask, PNG encoding), part of their cache keys:
     * change the drawing, change this, and tiles cached before are drawn anew.
     */
    private static final String DRAWING = "png v1 background " + Arrays.toString(TILE_BACKGROUND);

    static String tilePath(Role role, int image, int segment) {
        return String.format("tiles/%s-%05d-%03d.png", role.name(), image, segment);
    }

    static String thumbnailPath(int image) {
        return String.format("images/%05d.png", image);
    }

    private void write(Drawn d) {
        if (written.add(d.path())) drawings.write(d.path(), d.png());
    }

    /**
     * Drawings written as files under {@code outDir}, through a temporary file and a rename, so a kill never leaves a
     * truncated tile and a failed write (a full disk) leaves no temporary file. A file that already holds these bytes
     * (a rerun into the same output directory) is left as it is.
     */
    static ImacsPipeline.Drawings files(Path outDir) {
        return (path, png) -> {
            Path file = outDir.resolve(path);
            try {
                if (Files.isRegularFile(file) && Files.size(file) == png.length && Arrays.equals(Files.readAllBytes(file), png)) return;
                OutputFiles.write(file, tmp -> {
                    Files.createDirectories(tmp.getParent());
                    Files.write(tmp, png);
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e); // names the file and why (e.g. the disk is full)
            }
        };
    }

    private float[][] embedBatched(List<PixelImage> crops) {
        List<float[]> out = new ArrayList<>();
        for (int from = 0; from < crops.size(); from += config.batchSize())
            out.addAll(List.of(embedder.embed(crops.subList(from, Math.min(crops.size(), from + config.batchSize())))));
        return out.toArray(new float[0][]);
    }

    /** The target class first, then (with "topk") the image's top-k predicted classes other than the target. */
    private int[] scoredClasses(PredictionTable table, int image, int target) {
        if (config.attributionClasses() != AttributionClasses.TOPK) return new int[] {target};
        float[] p = table.probabilities()[image];
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < p.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> Float.compare(p[b], p[a]));
        List<Integer> classes = new ArrayList<>(List.of(target));
        for (int i = 0; i < Math.min(config.topK(), p.length); i++)
            if (idx[i] != target) classes.add(idx[i]);
        return classes.stream().mapToInt(Integer::intValue).toArray();
    }
}
