package io.imacs.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.GradientCollector;
import io.imacs.image.PixelImage;
import io.imacs.model.ModelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Not a test: times libtorch forward and gradient passes (batch 32) of the conformance models under the
 * oneDNN kernel set this JVM was started with (ONEDNN_MAX_CPU_ISA), for docs/benchmarks.md. Skipped
 * unless -Dbench=true. It bypasses the load-time probe on purpose: the faulty kernel sets are timed too.
 */
class IsaBenchmark {
    @Test void passes() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("bench"), "benchmark: run with -Dbench=true");
        DjlEnvironment.offline();
        for (String arch : List.of("resnet", "mobilenetv2", "vit")) {
            Path file = ConformanceTest.ROOT.resolve(arch).resolve("scripted.pt");
            Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(file.toAbsolutePath()).optEngine("PyTorch").optOption("trainParam", "true").build();
            try (ZooModel<NDList, NDList> model = criteria.loadModel()) {
                model.getBlock().freezeParameters(true);
                BlockRunner runner = new BlockRunner(model.getBlock(), model.getNDManager(), ModelSpec.load(file), file.toString());
                List<PixelImage> batch = new ArrayList<>();
                List<PixelImage> images = ConformanceTest.Reference.of(arch).images();
                for (int i = 0; i < 32; i++) batch.add(images.get(i % images.size()));
                for (int i = 0; i < 5; i++) { runner.rows(batch, null, "outputName"); gradient(runner, batch); }
                int rounds = 20;
                long t0 = System.nanoTime();
                for (int i = 0; i < rounds; i++) runner.rows(batch, null, "outputName");
                long t1 = System.nanoTime();
                for (int i = 0; i < rounds; i++) gradient(runner, batch);
                long t2 = System.nanoTime();
                System.out.printf("ISA %s %s forward %.2f ms gradient %.2f ms (batch 32)%n", System.getenv("ONEDNN_MAX_CPU_ISA"), arch,
                    (t1 - t0) / 1e6 / rounds, (t2 - t1) / 1e6 / rounds);
            }
        }
    }

    /** One forward and backward pass, as DjlClassifier does it. */
    static void gradient(BlockRunner runner, List<PixelImage> batch) {
        try (NDManager sub = runner.manager().newSubManager(); GradientCollector c = sub.getEngine().newGradientCollector()) {
            NDArray x = runner.input(sub, batch);
            x.setRequiresGradient(true);
            c.backward(runner.forward(x, true).get(0).get(":, 0").sum());
            x.getGradient().toFloatArray();
        }
    }
}
