package io.imacs.demo;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.imacs.model.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains the demo models once on a tiny configuration (32 images per class, 2 epochs). */
class DemoModelsTest {

    static final TrainingParams PARAMS = new TrainingParams(2, 16, 2e-3f, 7, 24, 2);
    @TempDir static Path cache;
    static ScenarioData data;
    static DemoModels first;

    @BeforeAll static void train() throws Exception {
        data = WatermarkScenario.flowers().withCounts(32, 8).generate();
        first = DemoModels.loadOrTrain(data, PARAMS, cache, s -> {});
    }

    @AfterAll static void close() { if (first != null) first.close(); }

    @Test void trainingLowersTheLoss() {
        for (ClassifierReport r : first.classifierReports().subList(0, 2)) {
            assertEquals(2, r.epochLoss().size());
            assertTrue(r.epochLoss().get(1) < r.epochLoss().get(0), r.toString());
        }
        List<Double> e = first.embedderReport().epochLoss();
        assertTrue(e.get(1) < e.get(0), e.toString());
        assertTrue(first.trained());
    }

    @Test void trainedModelBeatsUntrainedOne() {
        ClassifierReport a = first.classifierReports().get(0), u = first.classifierReports().get(2);
        assertEquals("U", u.name());
        assertTrue(a.referenceAccuracy() > u.referenceAccuracy() + 0.2, a + " vs " + u);
    }

    @Test void secondCallLoadsFromCacheWithoutRetraining() throws Exception {
        Path params = first.a().paramsFile();
        long modified = Files.getLastModifiedTime(params).toMillis();
        try (DemoModels again = DemoModels.loadOrTrain(data, PARAMS, cache, s -> {})) {
            assertFalse(again.trained());
            assertEquals(first.directory(), again.directory());
            assertEquals(modified, Files.getLastModifiedTime(params).toMillis());
            assertEquals(first.classifierReports(), again.classifierReports(), "same weights give the same accuracies");
            assertEquals(first.embedderReport(), again.embedderReport());
        }
        TrainingParams other = new TrainingParams(3, 16, 2e-3f, 7, 24, 2);
        assertNotEquals(DemoModels.cacheKey(data.scenario(), PARAMS), DemoModels.cacheKey(data.scenario(), other));
        assertNotEquals(DemoModels.cacheKey(data.scenario(), PARAMS), DemoModels.cacheKey(((WatermarkScenario) data.scenario()).withSeed(1), PARAMS));
        assertNotEquals(DemoModels.cacheKey(data.scenario(), PARAMS), DemoModels.cacheKey(DomainShiftScenario.flowers().withCounts(32, 8), PARAMS),
            "the domain-shift study never reuses the watermark study's models");
    }

    @Test void untrainedModelHoldsItsSeededInitialisation() {
        try (Model fresh = DemoTrainer.initialise("fresh", DemoNets.classifier(5), new Shape(1, 3, 64, 64), PARAMS.seed() + 3)) {
            List<Parameter> u = first.u().model().getBlock().getParameters().values();
            List<Parameter> init = fresh.getBlock().getParameters().values();
            List<Parameter> a = first.a().model().getBlock().getParameters().values();
            assertEquals(init.size(), u.size());
            boolean differsFromA = false;
            for (int i = 0; i < init.size(); i++) {
                NDArray want = init.get(i).getArray(), got = u.get(i).getArray();
                assertArrayEquals(want.toFloatArray(), got.toFloatArray(), "parameter " + init.get(i).getName());
                differsFromA |= !java.util.Arrays.equals(got.toFloatArray(), a.get(i).getArray().toFloatArray());
            }
            assertTrue(differsFromA, "A was trained, U was not");
        }
    }

    @Test void sidecarsDescribeEachModel() {
        ModelSpec a = ModelSpec.load(first.a().paramsFile());
        assertEquals(List.of(64, 64), a.inputSize());
        assertEquals(FlowerScenes.CLASSES, a.classes());
        assertEquals(List.of(DemoNets.MEAN, DemoNets.MEAN, DemoNets.MEAN), a.mean());
        ModelSpec e = first.e().spec();
        assertEquals(List.of(DemoNets.EMBEDDER_INPUT, DemoNets.EMBEDDER_INPUT), e.inputSize());
        assertTrue(e.classes().contains(EmbedderCrops.TEXT));
        float[][] v = first.embed(List.of(data.reference().get(0).image(), data.eval().get(1).image()));
        assertEquals(DemoNets.EMBEDDING_DIM, v[0].length);
    }
}
