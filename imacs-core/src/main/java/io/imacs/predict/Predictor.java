package io.imacs.predict;

import io.imacs.data.EvalImage;
import io.imacs.data.WorkingImageReader;
import io.imacs.image.PixelImage;
import io.imacs.model.ImageClassifier;
import io.imacs.model.Softmax;
import io.imacs.progress.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The predict stage: every evaluation image through every classifier, batched. Each batch is decoded
 * once and shared by the models, then dropped, so large evaluation sets stream.
 */
public final class Predictor {
    private Predictor() {}

    /** Usable images, the files that could not be decoded ("id: reason"), and one table per model. */
    public record Result(List<EvalImage> usable, List<int[]> originalSizes, List<String> skipped,
                         Map<String, PredictionTable> tables) {}

    public static Result predict(List<EvalImage> images, WorkingImageReader reader, Map<String, ImageClassifier> models,
                                 int batchSize, Progress progress) {
        List<EvalImage> usable = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, List<float[]>> rows = new LinkedHashMap<>();
        models.keySet().forEach(k -> rows.put(k, new ArrayList<>()));
        progress.start("predict", images.size());
        for (int from = 0; from < images.size(); from += batchSize) {
            List<EvalImage> chunk = images.subList(from, Math.min(images.size(), from + batchSize));
            List<PixelImage> pixels = new ArrayList<>();
            for (WorkingImageReader.Decoded d : reader.readAll(chunk)) {
                if (!d.ok()) { skipped.add(d.image().id() + ": " + d.error()); progress.warn("skipped " + d.error()); continue; }
                usable.add(d.image());
                sizes.add(new int[] {d.originalWidth(), d.originalHeight()});
                pixels.add(d.pixels());
            }
            if (!pixels.isEmpty()) {
                for (Map.Entry<String, ImageClassifier> m : models.entrySet()) {
                    float[][] p = m.getValue().probabilities(pixels);
                    Softmax.requireFinite(p, m.getValue().info().path());
                    rows.get(m.getKey()).addAll(List.of(p));
                }
            }
            progress.advance(chunk.size());
        }
        progress.finish();
        Map<String, PredictionTable> tables = new LinkedHashMap<>();
        models.forEach((k, m) -> tables.put(k, new PredictionTable(k, m.info().classNames(), rows.get(k).toArray(new float[0][]))));
        return new Result(usable, sizes, skipped, tables);
    }
}
