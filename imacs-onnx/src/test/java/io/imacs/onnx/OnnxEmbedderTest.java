package io.imacs.onnx;

import io.imacs.fixtures.FixtureSet;
import static org.junit.jupiter.api.Assertions.*;

import io.imacs.model.ImageEmbedder;
import io.imacs.model.ModelException;
import io.imacs.model.ModelSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxEmbedderTest {
    final Path file = FixtureSet.model("embedder.onnx");

    @Test void featuresHaveTheExportedDimensionAndSeparateMarkers() {
        FixtureSet data = FixtureSet.load();
        try (ImageEmbedder e = OnnxModels.embedder(file)) {
            float[][] f = e.embed(data.images());
            assertEquals(120, f.length);
            assertEquals(24, f[0].length);
            // the embedder was trained to see the marker: marked and unmarked centroids differ clearly
            double[] cm = new double[24], cn = new double[24];
            int nm = 0;
            for (int i = 0; i < f.length; i++) {
                boolean m = data.markers().get(i);
                nm += m ? 1 : 0;
                for (int d = 0; d < 24; d++) (m ? cm : cn)[d] += f[i][d];
            }
            double dist = 0;
            for (int d = 0; d < 24; d++) dist += Math.pow(cm[d] / nm - cn[d] / (f.length - nm), 2);
            assertTrue(Math.sqrt(dist) > 0.3, "centroid distance " + Math.sqrt(dist));
        }
    }

    @Test void outputNamesAreListed() {
        assertEquals(List.of("features", "logits"), OnnxModels.outputNames(file));
    }

    @Test void anUnknownFeatureOutputListsTheRealOnes() {
        ModelSpec spec = ModelSpec.load(file).withFeatureOutput("pool5");
        ModelException e = assertThrows(ModelException.class, () -> OnnxModels.embedder(file, spec));
        assertTrue(e.getMessage().contains("embedder.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("pool5") && e.getMessage().contains("[features, logits]"), e.getMessage());
    }

    @Test void fourDimensionalMapsAreAveragePooled() {
        // [1,2,2,2] NCHW: channel 0 = 1..4 (mean 2.5), channel 1 = 10,10,10,30 (mean 15)
        OnnxRunner.Tensor t = new OnnxRunner.Tensor(new float[] {1, 2, 3, 4, 10, 10, 10, 30}, new long[] {1, 2, 2, 2});
        assertArrayEquals(new float[] {2.5f, 15f}, FeaturePooling.globalAverage(t, "NCHW")[0], 1e-6f);
        // the same values read as NHWC [1,2,2,2]: channel 0 = 1,3,10,10 ; channel 1 = 2,4,10,30
        assertArrayEquals(new float[] {6f, 11.5f}, FeaturePooling.globalAverage(t, "NHWC")[0], 1e-6f);
    }
}
