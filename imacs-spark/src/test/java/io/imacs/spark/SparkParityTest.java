package io.imacs.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * compare --spark local[2] gives the result of a run in one process on the fixtures, for the same seed: the same
 * sampled images, segments, attributions (within 1e-6), clusters, tiles and thumbnails.
 */
class SparkParityTest {
    /** Attributions and embeddings may differ by this much (the bound); they are computed in the same batches. */
    static final double TOLERANCE = 1e-6;

    /** A fixture comparison small enough for CI: both models as ONNX, 8 images a model, 3 clusters. */
    static List<String> fixtureRun(Path out) {
        return List.of("--model-a", SparkRuns.fixture("models/classifier_a.onnx"), "--model-b", SparkRuns.fixture("models/classifier_b.onnx"),
            "--embedder", SparkRuns.fixture("models/embedder.onnx"), "--data", SparkRuns.fixture("data/labels.csv"), "--class", "circle",
            "--images-per-model", "8", "--segments-per-image", "3", "--clusters", "3", "--seed", "7", "--no-report", "--out", out.toString());
    }

    @Test void sparkLocal2GivesTheSingleProcessResult(@TempDir Path tmp) throws Exception {
        Path one = tmp.resolve("one"), spark = tmp.resolve("spark");
        SparkRuns.compare(fixtureRun(one), "--no-cache");
        io.imacs.cli.CliRun run = SparkRuns.compare(fixtureRun(spark), "--no-cache", "--spark", "local[2]");
        SparkRuns.assertSameResult(one, spark, TOLERANCE);
        SparkRuns.assertSameCsv(one, spark, TOLERANCE);
        SparkRuns.assertSameFiles(one, spark, "tiles");
        SparkRuns.assertSameFiles(one, spark, "images");
        assertTrue(Files.readString(spark.resolve("result.json")).contains("\"stagesRanOn\" : \"Apache Spark 4.0.1 on local[2]"),
            "the stages ran on Spark");
        assertTrue(Files.isDirectory(spark.resolve("segments.parquet")), run.out());
        assertTrue(run.out().contains("segments.parquet"), run.out());
    }

    /**
     * The README's fixtures as they are: TorchScript A and B, so XRAI over Guided IG with PyTorch gradients on the
     * workers (forward passes on the ONNX twins), the path real ResNets take.
     */
    @Test void torchScriptModelsRankedByGuidedIgGiveTheSingleProcessResult(@TempDir Path tmp) throws Exception {
        Path one = tmp.resolve("one"), spark = tmp.resolve("spark");
        List<String> args = fixtureRun(one).stream().map(a -> a.replace("classifier_a.onnx", "classifier_a.pt").replace("classifier_b.onnx", "classifier_b.pt")).toList();
        SparkRuns.compare(args, "--no-cache", "--gig-steps", "8");
        List<String> onSpark = args.stream().map(a -> a.equals(one.toString()) ? spark.toString() : a).toList();
        SparkRuns.compare(onSpark, "--no-cache", "--gig-steps", "8", "--spark", "local[2]");
        String result = Files.readString(spark.resolve("result.json"));
        assertTrue(result.contains("\"rankA\" : \"xrai-gig guided-ig steps=8"), "ranked by XRAI over Guided IG");
        SparkRuns.assertSameResult(one, spark, TOLERANCE);
        SparkRuns.assertSameCsv(one, spark, TOLERANCE);
        SparkRuns.assertSameFiles(one, spark, "tiles");
    }

    /** Above the threshold (here 10 segments) MLlib's k-means clusters: every segment in one of k clusters, the manifest says so. */
    @Test void manySegmentsAreClusteredByMllib(@TempDir Path tmp) throws Exception {
        System.setProperty(SparkScaleOut.MLLIB_ABOVE, "10");
        try {
            SparkRuns.compare(fixtureRun(tmp), "--no-cache", "--spark", "local[2]");
        } finally {
            System.clearProperty(SparkScaleOut.MLLIB_ABOVE);
        }
        var result = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tmp.resolve("result.json").toFile());
        assertTrue(result.path("manifest").path("parameters").path("stagesRanOn").asText().contains("Spark MLlib k-means"), result.toString());
        int members = 0;
        for (var c : result.path("clusters")) members += c.path("size").asInt();
        org.junit.jupiter.api.Assertions.assertEquals(result.path("segments").size(), members);
        org.junit.jupiter.api.Assertions.assertEquals(3, result.path("clusters").size());
    }
}
