package io.imacs.demo;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.imacs.cache.ContentHash;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's story must not hang on the machine: the same data and seeds give the same weights, byte for byte,
 * whether the process runs PyTorch on one thread or two (a two-core laptop, a CI runner, a workstation).
 */
class DemoTrainerDeterminismTest {
    @TempDir Path tmp;

    @Test void weightsAreTheSameWithOneAndTwoThreads() throws Exception {
        ScenarioData data = WatermarkScenario.flowers().withCounts(24, 2).generate();
        TrainingParams p = new TrainingParams(2, 16, 2e-3f, 7, 24, 2);
        // JniUtils needs libtorch, which the engine loads: without this the test passed only after another test had loaded it
        Engine.getEngine("PyTorch");
        int before = JniUtils.getNumThreads();
        try {
            String one = trainedSha(data, p, 1), two = trainedSha(data, p, 2);
            assertEquals(one, two, "weights trained with 1 and with 2 threads");
            assertEquals(2, JniUtils.getNumThreads(), "training restores the caller's thread setting");
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    private String trainedSha(ScenarioData data, TrainingParams p, int threads) throws Exception {
        JniUtils.setNumThreads(threads);
        int size = data.scenario().imageSize();
        try (Model m = DemoTrainer.initialise("B", DemoNets.classifier(data.classes().size()), new Shape(1, 3, size, size), p.seed())) {
            DemoTrainer.train(m, DemoModels.images(data.trainB()), DemoModels.labels(data.trainB()), p, p.epochs(), p.seed());
            Path dir = tmp.resolve("t" + threads);
            m.save(dir, "B");
            return ContentHash.sha256(dir.resolve("B-0000.params"));
        }
    }
}
