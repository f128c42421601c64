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
 * scale", measures the same at 100,000 images). A run that does outgrow its heap says so in one line.
 */
class StreamingMemoryTest {
    static final int IMAGES = 1200;
    static final String HEAP = "-Xmx96m";

    @TempDir Path tmp;

    @Test void compareOnMoreImagesThanTheHeapCouldHoldDecoded() throws Exception {
        Path csv = ShapeImages.write(tmp.resolve("data"), IMAGES, 7), out = tmp.resolve("run");
        Run r = compare(HEAP, csv, out, "128x128");
        assertFalse(r.text().contains("out of memory") || r.text().contains("OutOfMemoryError"), "the run kept more than the heap holds:\n" + r.tail());
        assertEquals(0, r.code(), r.tail());
        assertTrue(r.text().contains("(" + IMAGES + " usable images of " + IMAGES), r.tail());
        assertTrue(r.text().contains("predict: " + IMAGES + " images in "), r.tail());
        assertTrue(Files.isRegularFile(out.resolve("result.json")));
    }

    /** A batch of 32 images at 2000x2000 (48 MB each) cannot fit in 64 MB: the user is told to give the heap more, in one line. */
    @Test void aRunThatOutgrowsTheHeapSaysSoInOneLine() throws Exception {
        Run r = compare("-Xmx64m", ShapeImages.write(tmp.resolve("data"), 40, 7), tmp.resolve("run"), "2000x2000");
        assertEquals(ErrorHandler.USER_ERROR, r.code(), r.tail());
        assertTrue(r.text().contains("imacs: error: out of memory: the Java heap (at most "), r.tail());
        assertTrue(r.text().contains("IMACS_JAVA_OPTS=-Xmx8g"), r.tail());
        assertFalse(r.text().contains("\tat "), "no stack trace:\n" + r.tail());
    }

    record Run(int code, String text) {
        String tail() { return text.substring(Math.max(0, text.length() - 3000)); }
    }

    /** {@code imacs compare} on the ONNX fixture models in its own JVM with heap limit {@code heap}, at working size {@code size}. */
    private Run compare(String heap, Path csv, Path out, String size) throws Exception {
        Path log = tmp.resolve("compare.log");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
            "-Dai.djl.offline=true", "-cp", classpath, ImacsCommand.class.getName(), "compare",
            "--model-a", CliRun.fixture("models/classifier_a.onnx"), "--model-b", CliRun.fixture("models/classifier_b.onnx"),
            "--embedder", CliRun.fixture("models/embedder.onnx"), "--data", csv.toString(), "--class", "circle",
            "--image-size", size, "--images-per-model", "4", "--segments-per-image", "2", "--grid", "2",
            "--clusters", "2", "--kmeans-restarts", "1", "--no-report", "--out", out.toString());
        int code = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start().waitFor();
        return new Run(code, Files.readString(log));
    }
}
