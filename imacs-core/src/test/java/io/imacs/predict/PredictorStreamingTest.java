package io.imacs.predict;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.cache.MemoryCache;
import io.imacs.cache.RunCache;
import io.imacs.data.EvalImage;
import io.imacs.data.WorkingImageReader;
import io.imacs.image.PixelImage;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ModelInfo;
import io.imacs.model.Role;
import io.imacs.model.Softmax;
import io.imacs.progress.Progress;
import java.awt.image.BufferedImage;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The predict stage streams: a decoded batch is garbage once its predictions are taken, so memory does not grow with
 * the evaluation set beyond each image's record (docs/benchmarks.md, "Streaming at scale").
 */
class PredictorStreamingTest {
    static final int IMAGES = 60, BATCH = 4;

    @TempDir Path tmp;

    @Test void noDecodedImageOfAnEarlierBatchIsReachable() throws Exception {
        checkStreams(RunCache.none());
    }

    @Test void noDecodedImageOfAnEarlierBatchIsReachableWhileCaching() throws Exception {
        MemoryCache store = new MemoryCache();
        checkStreams(new RunCache(store, Map.of("A", "a", "B", "b")));
        assertEquals(IMAGES * 4, store.size(), "per image: its file hash, its size and each model's prediction");
    }

    private void checkStreams(RunCache cache) throws Exception {
        List<EvalImage> images = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            BufferedImage im = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            im.setRGB(i % 8, i / 8 % 8, 0xFF0000 >> (i % 3 * 8));
            Path f = tmp.resolve(String.format("%03d.png", i));
            ImageIO.write(im, "png", f.toFile());
            images.add(new EvalImage(f.getFileName().toString(), f, "c", Map.of()));
        }
        Recording a = new Recording(), b = new Recording();
        Map<Role, ImageClassifier> models = new EnumMap<>(Map.of(Role.A, a, Role.B, b));
        Predictor.Result r = Predictor.predict(images, new WorkingImageReader(8, 8), models, BATCH, Progress.NONE, cache);

        assertEquals(IMAGES, r.usable().size());
        assertEquals(IMAGES / BATCH, a.batches, "model A saw every batch once");
        // each call found every image of the batches before the previous one collected: nothing kept them
        assertEquals(0, a.mostAliveFromEarlierBatches, "decoded images of earlier batches were still reachable (A)");
        assertEquals(0, b.mostAliveFromEarlierBatches, "decoded images of earlier batches were still reachable (B)");
        // and the records kept are the predictions themselves
        assertEquals(IMAGES, r.tables().get(Role.A).size());
    }

    /**
     * A classifier (softmax of mean colours) that remembers each image it saw only weakly and, at each call, collects
     * garbage and counts those of batches before the previous one that are still reachable.
     */
    private static final class Recording implements ImageClassifier {
        private final List<List<WeakReference<PixelImage>>> seen = new ArrayList<>();
        int batches, mostAliveFromEarlierBatches;

        @Override public ModelInfo info() { return new ModelInfo("recording", "recording", "java", 8, 8, List.of("r", "g", "b")); }

        @Override public float[][] probabilities(List<PixelImage> batch) {
            // the stage may still hold the previous batch while it stores its rows; any older one is a leak
            for (int tries = 0; tries < 3 && alive(seen.size() - 1) > 0; tries++) System.gc();
            mostAliveFromEarlierBatches = Math.max(mostAliveFromEarlierBatches, alive(seen.size() - 1));
            seen.add(batch.stream().map(WeakReference::new).toList());
            batches++;
            float[][] out = logits(batch);
            for (int i = 0; i < out.length; i++) out[i] = Softmax.of(out[i]);
            return out;
        }

        private int alive(int beforeBatch) {
            int n = 0;
            for (int i = 0; i < beforeBatch; i++) for (WeakReference<PixelImage> w : seen.get(i)) if (w.get() != null) n++;
            return n;
        }

        @Override public float[][] logits(List<PixelImage> batch) {
            float[][] out = new float[batch.size()][3];
            for (int i = 0; i < batch.size(); i++) {
                PixelImage p = batch.get(i);
                for (int c = 0; c < 3; c++) for (int j = 0; j < p.plane(); j++) out[i][c] += p.chw()[c * p.plane() + j];
            }
            return out;
        }

        @Override public void close() {}
    }
}
