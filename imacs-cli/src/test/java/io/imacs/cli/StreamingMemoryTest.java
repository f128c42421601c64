package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} streams the evaluation set: a whole run in a JVM whose heap could not hold the set's decoded
 * images. 1,200 images at a 128x128 working size are 236 MB of pixels (3 x 128 x 128 floats each); the run gets
 * 96 MB, so a stage that kept every decoded image (or even half of them) dies of OutOfMemoryError, while one that
 * keeps only each image's record needs a few MB beyond the models and a batch (docs/benchmarks.md, "Streaming at
 * scale", measures the same at 100,000 images).
 */
class StreamingMemoryTest {
    static final int IMAGES = 1200;
    static final String HEAP = "-Xmx96m";

    @TempDir Path tmp;

    @Test void compareOnMoreImagesThanTheHeapCouldHoldDecoded() throws Exception {
        Path csv = ShapeImages.write(tmp.resolve("data"), IMAGES, 7);
        Path out = tmp.resolve("run"), log = tmp.resolve("compare.log");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
            "-Dai.djl.offline=true", "-cp", classpath, ImacsCommand.class.getName(), "compare",
            "--model-a", CliRun.fixture("models/classifier_a.onnx"), "--model-b", CliRun.fixture("models/classifier_b.onnx"),
            "--embedder", CliRun.fixture("models/embedder.onnx"), "--data", csv.toString(), "--class", "circle",
            "--image-size", "128x128", "--images-per-model", "4", "--segments-per-image", "2", "--grid", "2",
            "--clusters", "2", "--kmeans-restarts", "1", "--no-report", "--out", out.toString());
        int code = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start().waitFor();
        String text = Files.readString(log);
        String tail = text.substring(Math.max(0, text.length() - 3000));
        assertFalse(text.contains("OutOfMemoryError"), "the run kept more than the heap holds:\n" + tail);
        assertEquals(0, code, tail);
        assertTrue(text.contains("(" + IMAGES + " usable images of " + IMAGES), tail);
        assertTrue(text.contains("predict: " + IMAGES + " images in "), tail);
        assertTrue(Files.isRegularFile(out.resolve("result.json")));
    }
}
