package io.imacs.djl;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.imacs.fixtures.FixtureSet;
import io.imacs.image.PixelImage;
import io.imacs.model.Output;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gradient calls differentiate with respect to the input only: no parameter is asked for a gradient, and none
 * holds a gradient buffer afterwards (libtorch allocates {@code .grad} on a parameter only when backward
 * computes its gradient).
 */
class InputGradientsOnlyTest {
    @Test void aTorchScriptModelsParametersGetNoGradient() {
        try (DjlClassifier m = TorchScriptModels.classifier(FixtureSet.model("classifier_a.pt"))) {
            List<PixelImage> imgs = FixtureSet.load().images().subList(0, 5);
            m.gradients(imgs, new int[] {0, 1, 2, 0, 1}, Output.LOGIT);
            List<Parameter> params = m.parameters();
            assertFalse(params.isEmpty(), "the fixture CNN has parameters");
            for (Parameter p : params) {
                PtNDArray a = (PtNDArray) p.getArray();
                assertFalse(JniUtils.requiresGrad(a), p.getName() + " requires a gradient");
                assertNull(JniUtils.getGradient(a), p.getName() + " holds a gradient buffer");
            }
        }
    }

    /** A block built in Java keeps its trainable parameters trainable, but a gradient call leaves no gradient on them. */
    @Test void aJavaBuiltBlockIsFrozenOnlyDuringTheCall() {
        try (NDManager params = NDManager.newBaseManager();
             DjlClassifier m = DjlClassifier.of(DjlBlockClassifierTest.network(params), DjlBlockClassifierTest.SPEC, "tiny-java-net")) {
            PixelImage img = FiniteDifferences.jittered(PixelImage.filled(8, 8, 0.4f), 9);
            m.gradients(List.of(img), new int[] {1}, Output.PROBABILITY);
            List<Parameter> ps = m.parameters();
            assertEquals(4, ps.size(), "conv and linear weight and bias");
            for (Parameter p : ps) {
                PtNDArray a = (PtNDArray) p.getArray();
                assertTrue(p.requiresGradient() && JniUtils.requiresGrad(a), p.getName() + " is trainable again after the call");
                assertNull(JniUtils.getGradient(a), p.getName() + " holds a gradient buffer");
            }
        }
    }
}
