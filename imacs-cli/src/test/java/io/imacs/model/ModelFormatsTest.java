package io.imacs.model;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ModelFormat SPI (issue 13): imacs-onnx and imacs-djl register their formats with ServiceLoader, a file opens
 * with the format its extension names, and a file of no installed format is refused with the ones there are.
 */
class ModelFormatsTest {
    @Test void theOnnxAndTorchScriptModulesRegisterTheirFormats() {
        ModelFormats installed = ModelFormats.installed();
        assertEquals(List.of("onnx", "torchscript"), installed.formats().stream().map(ModelFormat::name).sorted().toList());
        assertEquals("torchscript", installed.formatOf(Path.of("m.PT"), "modelA").name());
        assertEquals("onnx", installed.formatOf(Path.of("dir.pt/m.onnx"), "modelA").name());
        ModelException e = assertThrows(ModelException.class, () -> installed.formatOf(Path.of("m.h5"), "embedder"));
        assertTrue(e.getMessage().startsWith("`embedder` m.h5: unknown model format; use ") && e.getMessage().contains("(.onnx)")
            && e.getMessage().contains(".pt"), e.getMessage());
    }

    @Test void aFileOpensWithItsFormatsAdapterAndGradientsFollowTheFormat() {
        ModelFormats installed = ModelFormats.installed();
        Path onnx = Path.of(CliRun.fixture("models/classifier_a.onnx")), pt = Path.of(CliRun.fixture("models/classifier_a.pt"));
        try (ImageClassifier a = installed.classifier(onnx, "modelA", Map.of(), false);
             ImageClassifier b = installed.classifier(pt, "modelB", Map.of(), false)) {
            assertEquals("onnx", a.info().format());
            assertTrue(a.gradients().isEmpty(), "ONNX Runtime gives no gradients");
            assertEquals("torchscript", b.info().format());
            assertTrue(b.gradients().isPresent());
            assertEquals(a.info().classNames(), b.info().classNames());
        }
    }

    @Test void aMissingFileIsNamedByItsKeyBeforeItsFormat(@TempDir Path dir) {
        ModelException e = assertThrows(ModelException.class,
            () -> ModelFormats.installed().classifier(dir.resolve("none.xyz"), "modelB", Map.of(), true));
        assertEquals("`modelB` " + dir.resolve("none.xyz") + ": file not found", e.getMessage());
    }

    @Test void aFormatOutsideTheInstalledOnesIsNotUsed(@TempDir Path dir) throws Exception {
        Path pt = Files.copy(Path.of(CliRun.fixture("models/classifier_a.pt")), dir.resolve("m.pt"));
        ModelFormats onnxOnly = new ModelFormats(ModelFormats.installed().formats().stream().filter(f -> f.name().equals("onnx")).toList());
        ModelException e = assertThrows(ModelException.class, () -> onnxOnly.formatOf(pt, "modelA"));
        assertTrue(e.getMessage().contains("use onnx (.onnx)"), e.getMessage());
    }
}
