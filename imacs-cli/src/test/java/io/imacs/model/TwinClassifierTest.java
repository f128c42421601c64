package io.imacs.model;

import io.imacs.cli.CliRun;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.image.PixelImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwinClassifierTest {
    @TempDir Path tmp;

    /** Outputs its own constant, so the test sees which model answered. */
    static final class Fixed implements ImageClassifier, Differentiable {
        final float value;
        final List<String> classes;
        final boolean differentiable;
        boolean closed;

        Fixed(float value, List<String> classes, boolean differentiable) {
            this.value = value;
            this.classes = classes;
            this.differentiable = differentiable;
        }

        @Override public ModelInfo info() { return new ModelInfo("m" + value, "m" + value, "test", 2, 2, classes); }
        @Override public float[][] probabilities(List<PixelImage> b) { return new float[][] {{value, 1 - value}}; }
        @Override public float[][] logits(List<PixelImage> b) { return new float[][] {{-value, value}}; }
        @Override public Optional<Differentiable> gradients() { return differentiable ? Optional.of(this) : Optional.empty(); }
        @Override public Gradients gradients(List<PixelImage> b, int[] c, Output o) { return new Gradients(new float[] {value}, new float[][] {{value}}); }
        @Override public void close() { closed = true; }
    }

    @Test void forwardPassesGoToOnnxAndGradientsToTorch() {
        Fixed onnx = new Fixed(0.25f, List.of("a", "b"), false), torch = new Fixed(0.75f, List.of("a", "b"), true);
        TwinClassifier twin = new TwinClassifier(onnx, torch);
        List<PixelImage> x = List.of(new PixelImage(2, 2, new float[12]));
        assertEquals(0.25f, twin.probabilities(x)[0][0]);
        assertEquals(0.25f, twin.outputs(x, Output.LOGIT)[0][1]);
        assertEquals(0.75f, twin.gradients().orElseThrow().gradients(x, new int[] {0}, Output.PROBABILITY).values()[0]);
        assertEquals("m0.75", twin.info().path(), "the result names the TorchScript model");
        twin.close();
        assertTrue(onnx.closed && torch.closed);
    }

    /** Real files: the ResNet's ONNX export is its twin; another network's ONNX file under its name is refused. */
    @Test void twinsMustComputeTheSameLogits() throws Exception {
        Path conf = Path.of(CliRun.fixture("conformance"));
        for (String onnxOf : List.of("resnet", "dropout")) {
            Path dir = Files.createDirectories(tmp.resolve(onnxOf));
            Files.copy(conf.resolve("resnet/scripted.pt"), dir.resolve("m.pt"));
            Files.copy(conf.resolve("resnet/scripted.json"), dir.resolve("m.json"));
            Files.copy(conf.resolve(onnxOf + "/opset13.onnx"), dir.resolve("m.onnx"));
            if (onnxOf.equals("resnet")) {
                try (ImageClassifier twin = ModelFormats.installed().classifier(dir.resolve("m.pt"), "modelA", java.util.Map.of(), true)) {
                    assertInstanceOf(TwinClassifier.class, twin);
                }
            } else {
                ModelException e = assertThrows(ModelException.class,
                    () -> ModelFormats.installed().classifier(dir.resolve("m.pt"), "modelA", java.util.Map.of(), true));
                assertTrue(e.getMessage().contains("compute different logits") && e.getMessage().contains("`onnxTwins`"), e.getMessage());
            }
        }
    }

    @Test void twinsWithDifferentClassesAreRefused() {
        ModelException e = assertThrows(ModelException.class,
            () -> new TwinClassifier(new Fixed(0, List.of("a", "b"), false), new Fixed(1, List.of("b", "a"), true)));
        assertTrue(e.getMessage().contains("`onnxTwins`"), e.getMessage());
    }

    @Test void aTwinIsTheOnnxFileWithTheSameBaseName() throws Exception {
        Path pt = Files.writeString(tmp.resolve("net.pt"), "x");
        assertNull(ModelFormats.installed().forwardTwin(pt));
        Path onnx = Files.writeString(tmp.resolve("net.onnx"), "y");
        assertEquals(onnx, ModelFormats.installed().forwardTwin(pt));
        assertNull(ModelFormats.installed().forwardTwin(onnx), "an ONNX model needs no twin");
    }
}
