package io.imacs.djl;

import io.imacs.fixtures.FixtureSet;
import static org.junit.jupiter.api.Assertions.*;

import io.imacs.model.ImageEmbedder;
import io.imacs.model.ModelException;
import io.imacs.model.ModelSpec;
import io.imacs.onnx.OnnxModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TorchScriptEmbedderTest {
    final Path pt = FixtureSet.model("embedder.pt");

    @Test void featuresAgreeWithTheOnnxExport() {
        FixtureSet data = FixtureSet.load();
        try (ImageEmbedder ts = TorchScriptModels.embedder(pt);
             ImageEmbedder onnx = OnnxModels.embedder(FixtureSet.model("embedder.onnx"))) {
            float[][] a = ts.embed(data.images()), b = onnx.embed(data.images());
            assertEquals(24, a[0].length);
            for (int i = 0; i < a.length; i++) assertArrayEquals(b[i], a[i], 1e-4f, "image " + i);
        }
    }

    @Test void theOtherNamedOutputCanBeChosen() {
        try (ImageEmbedder ts = TorchScriptModels.embedder(pt, ModelSpec.load(pt).withFeatureOutput("logits"))) {
            assertEquals(7, ts.embed(FixtureSet.load().images().subList(0, 2))[0].length);
        }
    }

    @Test void anUnknownFeatureOutputListsTheRealOnes() {
        ModelSpec spec = ModelSpec.load(pt).withFeatureOutput("pool5");
        ModelException e = assertThrows(ModelException.class, () -> TorchScriptModels.embedder(pt, spec));
        String m = e.getMessage();
        assertTrue(m.contains("embedder.pt") && m.contains("pool5"), m);
        assertTrue(m.contains("features") && m.contains("logits"), m);
    }
}
