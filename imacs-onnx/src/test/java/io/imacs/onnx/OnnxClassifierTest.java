package io.imacs.onnx;

import io.imacs.fixtures.FixtureSet;
import static org.junit.jupiter.api.Assertions.*;

import io.imacs.image.PixelImage;
import io.imacs.image.Resize;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ModelSpec;
import io.imacs.model.Softmax;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxClassifierTest {
    static FixtureSet data;
    static ImageClassifier a, b;

    @BeforeAll static void load() {
        data = FixtureSet.load();
        a = OnnxModels.classifier(FixtureSet.model("classifier_a.onnx"));
        b = OnnxModels.classifier(FixtureSet.model("classifier_b.onnx"));
    }

    @AfterAll static void close() { a.close(); b.close(); }

    /** Confusion counts for 'circle' as make_fixtures.py printed them in PyTorch (fixtures/README.md). */
    @Test void reproducesThePythonConfusionCounts() {
        assertArrayEquals(new int[] {37, 3, 3, 77}, confusion(a));
        assertArrayEquals(new int[] {21, 15, 19, 65}, confusion(b));
    }

    private int[] confusion(ImageClassifier m) {
        float[][] p = m.probabilities(data.images());
        int circle = m.info().classIndex("circle");
        int[] c = new int[4]; // TP FP FN TN
        for (int i = 0; i < p.length; i++) {
            int arg = 0;
            for (int k = 1; k < p[i].length; k++) if (p[i][k] > p[i][arg]) arg = k;
            boolean truth = data.labels().get(i).equals("circle"), pred = arg == circle;
            c[truth ? (pred ? 0 : 2) : (pred ? 1 : 3)]++;
        }
        return c;
    }

    @Test void infoComesFromTheSidecar() {
        assertEquals(List.of("circle", "square", "stripes"), a.info().classNames());
        assertEquals(32, a.info().inputHeight());
        assertEquals("classifier_a", a.info().name());
        assertEquals("onnx", a.info().format());
        assertTrue(a.gradients().isEmpty());
    }

    @Test void probabilitiesAreTheSoftmaxOfLogits() {
        List<PixelImage> few = data.images().subList(0, 5);
        float[][] logits = a.logits(few), probs = a.probabilities(few);
        for (int i = 0; i < few.size(); i++) {
            assertArrayEquals(Softmax.of(logits[i]), probs[i], 1e-6f);
            double sum = 0;
            for (float v : probs[i]) sum += v;
            assertEquals(1.0, sum, 1e-5);
        }
    }

    @Test void batchedChunkedAndConcurrentCallsAgree() throws Exception {
        List<PixelImage> imgs = data.images().subList(0, 12);
        float[][] whole = a.logits(imgs);
        for (int i = 0; i < imgs.size(); i++) assertArrayEquals(whole[i], a.logits(List.of(imgs.get(i)))[0], 1e-5f);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[][]>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) runs.add(pool.submit(() -> a.logits(imgs)));
            for (Future<float[][]> f : runs) {
                float[][] got = f.get();
                for (int i = 0; i < imgs.size(); i++) assertArrayEquals(whole[i], got[i], 0f);
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(0, a.logits(List.of()).length);
    }

    /** A 48x48 working image goes through the adapter's bilinear resize to the model's 32x32. */
    @Test void imagesOfAnotherSizeAreResizedToTheModelInput() {
        PixelImage small = data.images().get(3);
        PixelImage big = Resize.bilinear(small, 48, 48);
        float[] direct = a.logits(List.of(Resize.bilinear(big, 32, 32)))[0];
        assertArrayEquals(direct, a.logits(List.of(big))[0], 1e-6f);
    }

    @Test void aProbabilityOutputModelIsReadAsProbabilities() {
        // the same file declared as outputting probabilities: logits() becomes log(raw), probabilities() raw
        ModelSpec spec = ModelSpec.load(FixtureSet.model("classifier_a.onnx"));
        ModelSpec asProb = new ModelSpec(spec.inputSize(), spec.layout(), spec.channelOrder(), spec.pixelScale(), spec.mean(),
            spec.std(), spec.classes(), "probabilities", spec.inputName(), spec.outputName(), spec.featureOutput());
        Path file = FixtureSet.model("classifier_a.onnx");
        try (ImageClassifier m = OnnxModels.classifier(file, asProb)) {
            PixelImage img = data.images().get(0);
            float[] raw = a.logits(List.of(img))[0];
            assertArrayEquals(raw, m.probabilities(List.of(img))[0], 0f);
            float[] logs = m.logits(List.of(img))[0];
            for (int k = 0; k < raw.length; k++) if (raw[k] > 0) assertEquals(Math.log(raw[k]), logs[k], 1e-6);
        }
    }
}
