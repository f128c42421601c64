package io.imacs.predict;

import io.imacs.cache.CacheKey;
import io.imacs.cache.CacheValues;
import io.imacs.cache.RunCache;
import io.imacs.data.EvalImage;
import io.imacs.data.WorkingImageReader;
import io.imacs.image.PixelImage;
import io.imacs.model.ImageClassifier;
import io.imacs.model.Role;
import io.imacs.model.Softmax;
import io.imacs.progress.Progress;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The predict stage: every evaluation image through every classifier, batched. Each batch is decoded
 * once and shared by the models, then dropped, so large evaluation sets stream. With a cache, an image
 * whose predictions by every model are stored is not even decoded, and each batch's new predictions are
 * stored in one transaction.
 */
public final class Predictor {
    private Predictor() {}

    /** Usable images, the files that could not be decoded ("id: reason"), and one table per model. */
    public record Result(List<EvalImage> usable, List<int[]> originalSizes, List<String> skipped,
                         Map<Role, PredictionTable> tables) {}

    public static Result predict(List<EvalImage> images, WorkingImageReader reader, Map<Role, ImageClassifier> models,
                                 int batchSize, Progress progress) {
        return predict(images, reader, models, batchSize, progress, RunCache.none());
    }

    /** As above, reading and storing predictions in {@code cache} (keys: model key, image hash, working size). */
    public static Result predict(List<EvalImage> images, WorkingImageReader reader, Map<Role, ImageClassifier> models,
                                 int batchSize, Progress progress, RunCache cache) {
        List<EvalImage> usable = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<Role, List<float[]>> rows = new LinkedHashMap<>();
        models.keySet().forEach(k -> rows.put(k, new ArrayList<>()));
        progress.start("predict", images.size());
        for (int from = 0; from < images.size(); from += batchSize) {
            List<EvalImage> chunk = images.subList(from, Math.min(images.size(), from + batchSize));
            List<Row> done = new ArrayList<>(chunk.parallelStream().map(i -> lookup(i, reader, models, cache)).toList());
            List<Integer> misses = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) if (done.get(i) == null) misses.add(i);
            Map<CacheKey, byte[]> fresh = new LinkedHashMap<>();
            List<Row> computed = decodeAndPredict(misses.stream().map(chunk::get).toList(), reader, models, cache, progress, skipped, fresh);
            if (cache.enabled()) {
                fresh.putAll(cache.takeNewFileHashes()); // changed or new files: hashed once, not again next run
                cache.store().putAll(fresh); // one transaction per batch: a kill never leaves half a batch
            }
            for (int j = 0; j < misses.size(); j++) done.set(misses.get(j), computed.get(j));
            for (int i = 0; i < chunk.size(); i++) {
                Row row = done.get(i);
                if (row == null) continue; // unreadable
                usable.add(chunk.get(i));
                sizes.add(row.originalSize());
                for (Role m : models.keySet()) rows.get(m).add(row.probabilities().get(m));
            }
            progress.advance(chunk.size());
        }
        progress.finish();
        Map<Role, PredictionTable> tables = new LinkedHashMap<>();
        models.forEach((k, m) -> tables.put(k, new PredictionTable(k, m.info().classNames(), rows.get(k).toArray(new float[0][]))));
        return new Result(usable, sizes, skipped, tables);
    }

    /** One image's original size and every model's prediction. */
    private record Row(int[] originalSize, Map<Role, float[]> probabilities) {}

    /**
     * The stored row, or null when caching is off, any part is missing, or the file cannot be hashed (missing or
     * unreadable: decoding then skips it with the reason, as without a cache).
     */
    private static Row lookup(EvalImage image, WorkingImageReader reader, Map<Role, ImageClassifier> models, RunCache cache) {
        if (!cache.enabled()) return null;
        String hash;
        try {
            hash = cache.imageHash(image.file());
        } catch (UncheckedIOException e) {
            return null;
        }
        int[] size = CacheValues.ints(cache.store().get(imageKey(hash, reader)));
        if (size == null) return null;
        Map<Role, float[]> p = new HashMap<>();
        for (Role m : models.keySet()) {
            float[] row = CacheValues.floats(cache.store().get(predictionKey(cache, m, hash, reader)));
            if (row == null) return null;
            p.put(m, row);
        }
        return new Row(size, p);
    }

    /** Rows aligned with {@code chunk} (null = unreadable); new rows go into {@code fresh}, to be stored. */
    private static List<Row> decodeAndPredict(List<EvalImage> chunk, WorkingImageReader reader, Map<Role, ImageClassifier> models,
                                              RunCache cache, Progress progress, List<String> skipped, Map<CacheKey, byte[]> fresh) {
        List<Row> out = new ArrayList<>();
        List<PixelImage> pixels = new ArrayList<>();
        List<Integer> ok = new ArrayList<>();
        for (WorkingImageReader.Decoded d : reader.readAll(chunk)) {
            if (!d.ok()) {
                skipped.add(d.image().id() + ": " + d.error());
                progress.warn("skipped " + d.image().file() + ": " + d.error());
                out.add(null);
                continue;
            }
            ok.add(out.size());
            out.add(new Row(new int[] {d.originalWidth(), d.originalHeight()}, new HashMap<>()));
            pixels.add(d.pixels());
        }
        if (pixels.isEmpty()) return out;
        for (Map.Entry<Role, ImageClassifier> m : models.entrySet()) {
            float[][] p = m.getValue().probabilities(pixels);
            Softmax.requireFinite(p, m.getValue().info().path());
            for (int i = 0; i < ok.size(); i++) out.get(ok.get(i)).probabilities().put(m.getKey(), p[i]);
        }
        if (cache.enabled()) {
            for (int i : ok) {
                String hash = cache.imageHash(chunk.get(i).file());
                Row row = out.get(i);
                row.probabilities().forEach((m, p) -> fresh.put(predictionKey(cache, m, hash, reader), CacheValues.floats(p)));
                fresh.put(imageKey(hash, reader), CacheValues.ints(row.originalSize()));
            }
        }
        return out;
    }

    private static CacheKey imageKey(String hash, WorkingImageReader reader) {
        return CacheKey.of("image", hash, reader.width(), reader.height());
    }

    private static CacheKey predictionKey(RunCache cache, Role role, String hash, WorkingImageReader reader) {
        return CacheKey.of("prediction", cache.modelKey(role.name()), hash, reader.width(), reader.height());
    }
}
