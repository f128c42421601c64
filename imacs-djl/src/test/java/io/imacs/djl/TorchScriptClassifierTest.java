package io.imacs.djl;

import io.imacs.fixtures.FixtureSet;
import static org.junit.jupiter.api.Assertions.*;

import io.imacs.image.PixelImage;
import io.imacs.image.Resize;
import io.imacs.model.Gradients;
import io.imacs.model.ImageClassifier;
import io.imacs.model.Output;
import io.imacs.onnx.OnnxModels;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TorchScriptClassifierTest {
    static FixtureSet data;
    static DjlClassifier tsA;
    static ImageClassifier onnxA;

    @BeforeAll static void load() {
        data = FixtureSet.load();
        tsA = TorchScriptModels.classifier(FixtureSet.model("classifier_a.pt"));
        onnxA = OnnxModels.classifier(FixtureSet.model("classifier_a.onnx"));
    }

    @AfterAll static void close() { tsA.close(); onnxA.close(); }

    /** The .pt and .onnx exports of one network, through two engines, give the same logits. */
    @ParameterizedTest @ValueSource(strings = {"classifier_a", "classifier_b"})
    void torchScriptAndOnnxAgree(String name) {
        try (ImageClassifier ts = TorchScriptModels.classifier(FixtureSet.model(name + ".pt"));
             ImageClassifier onnx = OnnxModels.classifier(FixtureSet.model(name + ".onnx"))) {
            float[][] a = ts.logits(data.images()), b = onnx.logits(data.images());
            assertEquals(120, a.length);
            for (int i = 0; i < a.length; i++) assertArrayEquals(b[i], a[i], 1e-4f, "image " + i);
            assertEquals(onnx.info().classNames(), ts.info().classNames());
            assertEquals("torchscript", ts.info().format());
        }
    }

    /** Pixel-space input gradients match central differences of the ONNX model (an independent engine). */
    @ParameterizedTest @EnumSource(Output.class)
    void gradientsMatchFiniteDifferences(Output output) {
        List<PixelImage> imgs = List.of(FiniteDifferences.jittered(data.images().get(0), 1),
            FiniteDifferences.jittered(data.images().get(45), 2), FiniteDifferences.jittered(data.images().get(90), 3));
        int[] classes = {0, 1, 0};
        Gradients g = tsA.gradients(imgs, classes, output);
        float[][] direct = tsA.outputs(imgs, output);
        for (int i = 0; i < imgs.size(); i++) {
            assertEquals(direct[i][classes[i]], g.values()[i], 1e-5f, "value " + i);
            assertEquals(imgs.get(i).size(), g.gradients()[i].length);
            assertMatchesFd(onnxA, imgs.get(i), classes[i], output, g.gradients()[i]);
        }
    }

    /** 48x48 working images into the 32x32 model: the resize adjoint maps gradients back exactly. */
    @Test void gradientsThroughTheResizeMatchFiniteDifferences() {
        PixelImage big = FiniteDifferences.jittered(Resize.bilinear(data.images().get(7), 48, 48), 4);
        Gradients g = tsA.gradients(List.of(big), new int[] {0}, Output.LOGIT);
        assertEquals(3 * 48 * 48, g.gradients()[0].length);
        assertMatchesFd(tsA, big, 0, Output.LOGIT, g.gradients()[0]);
    }

    @Test void aBatchGivesTheSameGradientsAsSingleImages() {
        List<PixelImage> imgs = data.images().subList(10, 14);
        int[] classes = {0, 1, 2, 0};
        Gradients batch = tsA.gradients(imgs, classes, Output.PROBABILITY);
        for (int i = 0; i < imgs.size(); i++) {
            Gradients one = tsA.gradients(List.of(imgs.get(i)), new int[] {classes[i]}, Output.PROBABILITY);
            assertEquals(one.values()[0], batch.values()[i], 1e-6f);
            assertArrayEquals(one.gradients()[0], batch.gradients()[i], 1e-6f);
        }
    }

    /**
     * Issue 14: an image's gradient is the same bits whatever batch it comes in (libtorch rounds batches of 1-3
     * differently; DjlClassifier pads them), so {@code --batch-size} cannot change Guided IG's path and the ranks.
     */
    @ParameterizedTest @ValueSource(strings = {"classifier_a", "classifier_b"})
    void anImagesGradientIsTheSameBitsInAnyBatch(String name) {
        try (DjlClassifier ts = TorchScriptModels.classifier(FixtureSet.model(name + ".pt"))) {
            List<PixelImage> imgs = data.images().subList(40, 56);
            int[] classes = new int[16];
            for (int i = 0; i < 16; i++) classes[i] = i % 3;
            Gradients all = ts.gradients(imgs, classes, Output.PROBABILITY);
            for (int size : new int[] {1, 2, 3, 5}) {
                for (int i = 0; i < 4; i++) {
                    List<PixelImage> batch = new java.util.ArrayList<>(imgs.subList(i, i + size));
                    Gradients g = ts.gradients(batch, java.util.Arrays.copyOfRange(classes, i, i + size), Output.PROBABILITY);
                    assertEquals(size, g.size());
                    assertEquals(all.values()[i], g.values()[0], "value of image " + i + " in a batch of " + size);
                    assertArrayEquals(all.gradients()[i], g.gradients()[0], "gradient of image " + i + " in a batch of " + size);
                }
            }
        }
    }

    @Test void badClassIndicesAreRejected() {
        List<PixelImage> one = List.of(data.images().get(0));
        assertThrows(IllegalArgumentException.class, () -> tsA.gradients(one, new int[] {3}, Output.LOGIT));
        assertThrows(IllegalArgumentException.class, () -> tsA.gradients(one, new int[] {0, 1}, Output.LOGIT));
        assertTrue(tsA.gradients().isPresent());
    }

    static void assertMatchesFd(ImageClassifier model, PixelImage img, int cls, Output output, float[] grad) {
        int[] pixels = FiniteDifferences.largest(grad, 6);
        double[] fd = FiniteDifferences.of(model, img, cls, output, pixels, 1e-3f);
        double scale = 0;
        for (float v : grad) scale = Math.max(scale, Math.abs(v));
        assertTrue(scale > 0, "gradient is zero");
        for (int i = 0; i < pixels.length; i++) {
            float got = grad[pixels[i]];
            // float32 forward passes: allow 3% of the value plus 1% of the largest gradient component
            assertEquals(fd[i], got, 0.03 * Math.abs(fd[i]) + 0.01 * scale, "pixel " + pixels[i] + " (" + output + ")");
        }
    }
}
