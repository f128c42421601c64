package io.imacs.onnx;

import io.imacs.fixtures.FixtureSet;
import static org.junit.jupiter.api.Assertions.*;

import io.imacs.image.ImageFiles;
import io.imacs.model.ModelException;
import io.imacs.model.ModelSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each broken fixture fails at load with one message that names the file and says what to fix. */
class OnnxErrorsTest {
    private static ModelException loadFails(Path file, ModelSpec spec) {
        ModelException e = assertThrows(ModelException.class, () -> OnnxModels.classifier(file, spec).close());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e;
    }

    private static ModelException loadFails(String badName) {
        Path file = FixtureSet.bad(badName);
        return loadFails(file, ModelSpec.load(file));
    }

    @Test void missingFile() {
        Path file = FixtureSet.bad("no_such_model.onnx");
        assertTrue(loadFails(file, ModelSpec.load(FixtureSet.model("classifier_a.onnx"))).getMessage().contains("missing"));
    }

    @Test void truncatedFile() { assertTrue(loadFails("truncated.onnx").getMessage().contains("not a valid ONNX model")); }

    @Test void inputSizeDisagreesWithTheModel() {
        String m = loadFails("input_size.onnx").getMessage();
        assertTrue(m.contains("[-1, 3, 32, 32]") || m.contains("32"), m);
        assertTrue(m.contains("inputSize"), m);
    }

    @Test void classCountDisagreesWithTheModel() {
        String m = loadFails("class_count.onnx").getMessage();
        assertTrue(m.contains("outputs 3 classes") && m.contains("lists 4"), m);
    }

    @Test void nanOutput() { assertTrue(loadFails("nan_output.onnx").getMessage().contains("NaN")); }

    @Test void unknownOutputName() {
        Path file = FixtureSet.model("classifier_a.onnx");
        String m = loadFails(file, ModelSpec.load(file).withOutputName("probs")).getMessage();
        assertTrue(m.contains("probs") && m.contains("[logits]"), m);
    }

    @Test void aNonImageNamedPngNamesTheFile() {
        Path file = FixtureSet.bad("not_an_image.png");
        RuntimeException e = assertThrows(ImageFiles.ImageReadException.class, () -> ImageFiles.read(file));
        assertTrue(e.getMessage().contains("not_an_image.png"), e.getMessage());
    }
}
