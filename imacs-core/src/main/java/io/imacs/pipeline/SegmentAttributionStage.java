package io.imacs.pipeline;

import io.imacs.data.EvalImage;
import io.imacs.data.WorkingImageReader;
import io.imacs.embed.SegmentCrop;
import io.imacs.image.PixelImage;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ImageEmbedder;
import io.imacs.predict.PredictionTable;
import io.imacs.progress.Progress;
import io.imacs.rank.RankRequest;
import io.imacs.rank.SegmentRanker;
import io.imacs.sample.SampledImage;
import io.imacs.score.ScoreRequest;
import io.imacs.score.SegmentScorer;
import io.imacs.score.ShapleyValues;
import io.imacs.segment.Segment;
import io.imacs.segment.Segmenter;
import io.imacs.image.ImageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Segment, rank, score and embed the sampled images of one model, a chunk of images at a time, so only
 * the chunk's pixels are in memory. Work within a chunk is batched by the rankers and scorers.
 */
final class SegmentAttributionStage {
    private final ImacsConfig config;
    private final WorkingImageReader reader;
    private final Segmenter segmenter;
    private final ImageEmbedder embedder;
    private final float[] neutral;
    private final Path outDir;

    SegmentAttributionStage(ImacsConfig config, WorkingImageReader reader, Segmenter segmenter, ImageEmbedder embedder,
                            float[] neutral, Path outDir) {
        this.outDir = outDir;
        this.config = config;
        this.reader = reader;
        this.segmenter = segmenter;
        this.embedder = embedder;
        this.neutral = neutral;
    }

    /** Runs the stage; {@code onWarning} receives efficiency violations. */
    List<ScoredSegment> run(String role, ImageClassifier model, SegmentRanker ranker, SegmentScorer scorer,
                            List<SampledImage> sample, List<EvalImage> images, PredictionTable table,
                            Progress progress, Consumer<String> onWarning) {
        int target = model.info().classIndex(config.targetClass());
        List<ScoredSegment> out = new ArrayList<>();
        int chunk = Math.max(1, Math.min(8, config.batchSize()));
        progress.start("attribute " + role + " (" + ranker.describe().split(" ")[0] + " + " + scorer.describe().split(" ")[0] + ")", sample.size());
        for (int from = 0; from < sample.size(); from += chunk) {
            List<SampledImage> part = sample.subList(from, Math.min(sample.size(), from + chunk));
            List<PixelImage> pixels = new ArrayList<>();
            List<PixelImage> fills = new ArrayList<>();
            List<List<Segment>> segs = new ArrayList<>();
            List<RankRequest> rankRequests = new ArrayList<>();
            for (SampledImage s : part) {
                PixelImage px = reader.read(images.get(s.image()));
                PixelImage fill = config.exclusion().fill(px, config.sigmaFor(px.width(), px.height()), config.seed() + s.image());
                List<Segment> ss = segmenter.segment(px);
                pixels.add(px);
                fills.add(fill);
                segs.add(ss);
                rankRequests.add(new RankRequest(px, ss, target, fill));
            }
            List<double[]> rankScores = ranker.rank(rankRequests);
            List<ScoreRequest> scoreRequests = new ArrayList<>();
            List<int[]> tops = new ArrayList<>();
            List<int[]> classesPer = new ArrayList<>();
            for (int i = 0; i < part.size(); i++) {
                int[] top = SegmentRanker.top(rankScores.get(i), config.segmentsPerImage());
                List<Segment> players = new ArrayList<>();
                for (int t : top) players.add(segs.get(i).get(t));
                int[] classes = scoredClasses(table, part.get(i).image(), target);
                tops.add(top);
                classesPer.add(classes);
                scoreRequests.add(new ScoreRequest(pixels.get(i), fills.get(i), players, classes));
            }
            List<ShapleyValues> values = scorer.score(scoreRequests);
            List<PixelImage> crops = new ArrayList<>();
            for (int i = 0; i < part.size(); i++) {
                ShapleyValues v = values.get(i);
                if (v.efficiencyGap() > 1e-4)
                    onWarning.accept(role + " " + images.get(part.get(i).image()).id() + ": Shapley efficiency off by " + String.format("%.2g", v.efficiencyGap()));
                writePng(pixels.get(i), thumbnailPath(part.get(i).image()));
                for (int t : tops.get(i)) {
                    crops.add(SegmentCrop.of(pixels.get(i), segs.get(i).get(t), neutral));
                    writePng(SegmentCrop.of(pixels.get(i), segs.get(i).get(t), TILE_BACKGROUND), tilePath(role, part.get(i).image(), t));
                }
            }
            float[][] vectors = embedBatched(crops);
            int e = 0;
            for (int i = 0; i < part.size(); i++) {
                ShapleyValues v = values.get(i);
                int[] top = tops.get(i), classes = classesPer.get(i);
                for (int r = 0; r < top.length; r++) {
                    Map<String, Double> perClass = new LinkedHashMap<>();
                    for (int c = 0; c < classes.length; c++) perClass.put(model.info().classNames().get(classes[c]), v.values()[c][r]);
                    out.add(new ScoredSegment(part.get(i), segs.get(i).get(top[r]), r + 1, v.values()[0][r],
                        v.standardError()[0][r], perClass, vectors[e++], tilePath(role, part.get(i).image(), top[r])));
                }
            }
            progress.advance(part.size());
        }
        progress.finish();
        return out;
    }

    /** Tiles show pixels outside a non-rectangular segment's mask as mid grey. */
    private static final float[] TILE_BACKGROUND = {0.5f, 0.5f, 0.5f};

    static String tilePath(String role, int image, int segment) {
        return String.format("tiles/%s-%05d-%03d.png", role, image, segment);
    }

    static String thumbnailPath(int image) {
        return String.format("images/%05d.png", image);
    }

    private void writePng(PixelImage image, String relative) {
        Path file = outDir.resolve(relative);
        if (Files.exists(file)) return; // the same image sampled by both models: written once
        try {
            ImageFiles.writePng(image, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private float[][] embedBatched(List<PixelImage> crops) {
        List<float[]> out = new ArrayList<>();
        for (int from = 0; from < crops.size(); from += config.batchSize())
            out.addAll(List.of(embedder.embed(crops.subList(from, Math.min(crops.size(), from + config.batchSize())))));
        return out.toArray(new float[0][]);
    }

    /** The target class first, then (with "topk") the image's top-k predicted classes other than the target. */
    private int[] scoredClasses(PredictionTable table, int image, int target) {
        if (!config.attributionClasses().equals("topk")) return new int[] {target};
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
