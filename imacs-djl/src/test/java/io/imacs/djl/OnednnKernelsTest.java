package io.imacs.djl;

import static io.imacs.fixtures.Errors.relativeL2;
import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * libtorch's convolution kernels, as this JVM runs them, against float64 (which oneDNN does not handle,
 * so ATen's own kernels compute it). On this project's AMD EPYC machines oneDNN's AVX-512 kernels gave
 * wrong input gradients and its AVX2 kernels wrong forward passes in batches; the build runs with
 * ONEDNN_MAX_CPU_ISA=SSE41 (pom.xml, property onednn.isa). To see a kernel set fail:
 * {@code mvn -pl imacs-djl test -Dtest=OnednnKernelsTest -Donednn.isa=AVX2} (or AVX512_CORE).
 */
class OnednnKernelsTest {
    static NDManager manager;

    @BeforeAll static void open() {
        DjlEnvironment.offline();
        manager = NDManager.newBaseManager("PyTorch");
        manager.getEngine().setRandomSeed(7);
    }

    @AfterAll static void close() { manager.close(); }

    /** conv2d(x, w), 3x3, padding 1, in the given type. */
    static NDArray conv(NDManager m, NDArray x, NDArray w, DataType t) {
        return Conv2d.conv2d(x.toType(t, true), w.toType(t, true), null, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
    }

    @Test void batchedForwardEqualsFloat64() {
        NDArray x = manager.randomUniform(-1, 1, new Shape(2, 12, 16, 16));
        NDArray w = manager.randomNormal(0, 0.3f, new Shape(24, 12, 3, 3), DataType.FLOAT32);
        try (NDManager m = manager.newSubManager()) {
            float[] f32 = conv(m, x, w, DataType.FLOAT32).toFloatArray();
            float[] f64 = conv(m, x, w, DataType.FLOAT64).toType(DataType.FLOAT32, false).toFloatArray();
            assertTrue(relativeL2(f32, f64) < 1e-5, "conv forward, batch of 2: relative L2 " + relativeL2(f32, f64)
                + " (ONEDNN_MAX_CPU_ISA=" + System.getenv("ONEDNN_MAX_CPU_ISA") + ")");
            float[] single = conv(m, x.get("0:1"), w, DataType.FLOAT32).toFloatArray();
            assertTrue(relativeL2(Arrays.copyOf(f32, single.length), single) < 1e-5, "batch of 2 vs batch of 1");
        }
    }

    @Test void inputGradientEqualsFloat64() {
        NDArray x = manager.randomUniform(0, 1, new Shape(4, 3, 32, 32));
        NDArray w = manager.randomNormal(0, 0.2f, new Shape(8, 3, 3, 3), DataType.FLOAT32);
        NDArray weights = manager.randomUniform(-1, 1, new Shape(4, 8, 32, 32));
        float[] f64 = inputGradient(x, w, weights, DataType.FLOAT64);
        for (int run = 0; run < 5; run++) {
            float[] f32 = inputGradient(x, w, weights, DataType.FLOAT32);
            assertTrue(relativeL2(f32, f64) < 1e-5, "conv input gradient, run " + run + ": relative L2 " + relativeL2(f32, f64)
                + " (ONEDNN_MAX_CPU_ISA=" + System.getenv("ONEDNN_MAX_CPU_ISA") + ")");
        }
    }

    static float[] inputGradient(NDArray x0, NDArray w, NDArray weights, DataType t) {
        try (NDManager m = manager.newSubManager(); GradientCollector c = m.getEngine().newGradientCollector()) {
            // toType(t, true) returns the same tensor when the type matches: then gradients would accumulate in x0
            NDArray x = t == x0.getDataType() ? x0.duplicate() : x0.toType(t, true);
            x.attach(m);
            x.setRequiresGradient(true);
            c.backward(conv(m, x, w, t).mul(weights.toType(t, true)).sum());
            return x.getGradient().toType(DataType.FLOAT32, true).toFloatArray();
        }
    }
}
