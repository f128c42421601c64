package io.imacs.djl;

import io.imacs.fixtures.FixtureSet;
import static org.junit.jupiter.api.Assertions.*;

import io.imacs.model.ModelException;
import io.imacs.model.ModelSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each broken fixture fails at load with one message that names the file and says what to fix. */
class TorchScriptErrorsTest {
    private static String loadFails(Path file, ModelSpec spec) {
        ModelException e = assertThrows(ModelException.class, () -> TorchScriptModels.classifier(file, spec).close());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    private static String loadFails(String badName) {
        Path file = FixtureSet.bad(badName);
        return loadFails(file, ModelSpec.load(file));
    }

    @Test void missingFile() {
        String m = loadFails(FixtureSet.bad("no_such_model.pt"), ModelSpec.load(FixtureSet.model("classifier_a.pt")));
        assertTrue(m.contains("missing"), m);
    }

    @Test void truncatedFile() { assertTrue(loadFails("truncated.pt").contains("cannot load as TorchScript")); }

    @Test void inputSizeDisagreesWithTheModel() {
        String m = loadFails("input_size.pt");
        assertTrue(m.contains("shapes cannot be multiplied"), m);
        assertTrue(m.contains("rejected an input of shape (1, 3, 48, 48)") && m.contains("inputSize"), m);
    }

    @Test void classCountDisagreesWithTheModel() {
        String m = loadFails("class_count.pt");
        assertTrue(m.contains("outputs 3 classes") && m.contains("lists 4"), m);
    }

    @Test void nanOutput() { assertTrue(loadFails("nan_output.pt").contains("NaN")); }

    /** A scripted module that counts its calls in a buffer added to its output: refused by the load-time probe. */
    @Test void aModelThatChangesStateIsRefused() {
        String m = loadFails("stateful.pt");
        assertTrue(m.contains("changes from one run to the next") || m.contains("changed the model's later outputs"), m);
        assertTrue(m.contains("model.eval()"), m);
    }

    /** A ResNet traced in training mode: BatchNorm normalises with the batch's statistics. */
    @Test void aModelTracedInTrainingModeIsRefused() {
        String m = loadFails("train_mode.pt");
        assertTrue(m.contains("depends on the other images in its batch"), m);
        assertTrue(m.contains("exported in training mode"), m);
    }
}
