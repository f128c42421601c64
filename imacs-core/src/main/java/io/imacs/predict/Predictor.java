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
import java.util.Arrays;
import java.util.Collections;
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
            List<Row> done = lookup(chunk, reader, models, cache);
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
     * The stored rows of a chunk, each null when caching is off, any part is missing, or the file cannot be hashed
     * (missing or unreadable: decoding then skips it with the reason, as without a cache). Every value of the chunk is
     * looked up at once.
     */
    private static List<Row> lookup(List<EvalImage> chunk, WorkingImageReader reader, Map<Role, ImageClassifier> models, RunCache cache) {
        List<Row> rows = new ArrayList<>(Collections.nCopies(chunk.size(), (Row) null));
        if (!cache.enabled()) return rows;
        cache.prefetchImageHashes(chunk.stream().map(EvalImage::file).toList());
        List<String> hashes = chunk.parallelStream().map(i -> { // files not seen before are read and hashed: in parallel
            try {
                return cache.imageHash(i.file());
            } catch (UncheckedIOException e) {
                return null;
            }
        }).toList();
        List<Role> roles = List.copyOf(models.keySet());
        CacheKey[][] keys = new CacheKey[chunk.size()][]; // per image: its size, then each model's prediction
        for (int i = 0; i < chunk.size(); i++) {
            String hash = hashes.get(i);
            if (hash == null) continue;
            keys[i] = new CacheKey[1 + roles.size()];
            keys[i][0] = imageKey(hash, reader);
            for (int m = 0; m < roles.size(); m++) keys[i][1 + m] = predictionKey(cache, roles.get(m), hash, reader);
        }
        Map<CacheKey, byte[]> stored = cache.store().getAll(Arrays.stream(keys).filter(k -> k != null).flatMap(Arrays::stream).toList());
        next:
        for (int i = 0; i < chunk.size(); i++) {
            if (keys[i] == null) continue;
            int[] size = CacheValues.ints(stored.get(keys[i][0]));
            if (size == null) continue;
            Map<Role, float[]> p = new HashMap<>();
            for (int m = 0; m < roles.size(); m++) {
                float[] row = CacheValues.floats(stored.get(keys[i][1 + m]));
                if (row == null) continue next;
                p.put(roles.get(m), row);
            }
            rows.set(i, new Row(size, p));
        }
        return rows;
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
