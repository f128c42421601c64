package io.imacs.djl;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import io.imacs.image.PixelImage;
import io.imacs.model.Gradients;
import io.imacs.model.ModelException;
import io.imacs.model.ModelSpec;
import io.imacs.model.Output;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A network built in Java with DJL (no file) works as a classifier with input gradients. */
class DjlBlockClassifierTest {
    static final ModelSpec SPEC = new ModelSpec(List.of(8, 8), "NCHW", "RGB", 1.0, List.of(0.5, 0.5, 0.5),
        List.of(0.25, 0.25, 0.25), List.of("x", "y", "z"), "logits", null, null, null);

    static SequentialBlock network(NDManager manager) {
        Engine.getInstance().setRandomSeed(7);
        SequentialBlock net = new SequentialBlock()
            .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(4).build())
            .add(Activation::tanh)
            .add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(3).build());
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 8));
        return net;
    }

    @Test void gradientsOfAJavaBuiltBlockMatchFiniteDifferences() {
        try (NDManager params = NDManager.newBaseManager();
             DjlClassifier m = DjlClassifier.of(network(params), SPEC, "tiny-java-net")) {
            assertEquals(List.of("x", "y", "z"), m.info().classNames());
            PixelImage img = FiniteDifferences.jittered(PixelImage.filled(8, 8, 0.4f), 9);
            for (Output out : Output.values()) {
                Gradients g = m.gradients(List.of(img), new int[] {2}, out);
                assertEquals(m.outputs(List.of(img), out)[0][2], g.values()[0], 1e-6f);
                TorchScriptClassifierTest.assertMatchesFd(m, img, 2, out, g.gradients()[0]);
            }
        }
    }

    @Test void aSpecWithTheWrongClassCountNamesTheModel() {
        try (NDManager params = NDManager.newBaseManager()) {
            ModelSpec two = SPEC.withClasses(List.of("x", "y"));
            ModelException e = assertThrows(ModelException.class, () -> DjlClassifier.of(network(params), two, "tiny-java-net"));
            assertTrue(e.getMessage().contains("tiny-java-net") && e.getMessage().contains("outputs 3 classes"), e.getMessage());
        }
    }
}
