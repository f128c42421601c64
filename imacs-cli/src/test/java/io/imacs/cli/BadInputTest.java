package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.result.ResultJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gets one actionable line naming the file or option, exit code 2, and no stack trace. */
class BadInputTest {
    @TempDir Path tmp;

    private CliRun compare(String modelA, String data, String cls, String... extra) {
        List<String> a = new ArrayList<>(List.of("compare", "--model-a", modelA, "--model-b", CliRun.fixture("models/classifier_b.onnx"),
            "--embedder", CliRun.fixture("models/embedder.onnx"), "--data", data, "--class", cls, "--out", tmp.resolve("out").toString(),
            "--images-per-model", "8", "--segments-per-image", "2", "--clusters", "2", "--no-report"));
        a.addAll(List.of(extra));
        return CliRun.of(a.toArray(String[]::new));
    }

    private static void assertUserError(CliRun r, String... mentions) {
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("imacs: error: ")), r.err());
        for (String m : mentions) assertTrue(r.err().contains(m), "'" + m + "' not in: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    private static final String DATA = CliRun.fixture("data/labels.csv");

    @Test void missingModelFile() { assertUserError(compare(tmp.resolve("nope.onnx").toString(), DATA, "circle"), "--model-a", "nope.onnx", "not found"); }

    @Test void unknownModelFormat() throws Exception {
        Path f = Files.writeString(tmp.resolve("model.h5"), "x");
        assertUserError(compare(f.toString(), DATA, "circle"), "model.h5", ".onnx");
    }

    @Test void classNotAmongModelClasses() { assertUserError(compare(CliRun.fixture("models/classifier_a.onnx"), DATA, "tulip"), "tulip", "circle, square, stripes"); }

    @Test void classCountDiffers() {
        for (String ext : List.of("onnx", "pt")) assertUserError(compare(CliRun.fixture("bad/class_count." + ext), DATA, "circle"), "class_count." + ext);
    }

    @Test void inputShapeDiffers() {
        for (String ext : List.of("onnx", "pt")) assertUserError(compare(CliRun.fixture("bad/input_size." + ext), DATA, "circle"), "input_size." + ext);
    }

    @Test void nanOutputs() {
        for (String ext : List.of("onnx", "pt")) assertUserError(compare(CliRun.fixture("bad/nan_output." + ext), DATA, "circle"), "nan_output." + ext, "NaN");
    }

    @Test void corruptModel() {
        for (String ext : List.of("onnx", "pt")) assertUserError(compare(CliRun.fixture("bad/truncated." + ext), DATA, "circle"), "truncated." + ext);
    }

    @Test void embedderOutputThatDoesNotExistListsTheNames() {
        assertUserError(compare(CliRun.fixture("models/classifier_a.onnx"), DATA, "circle", "--spec-embedder", "featureOutput=pool5"),
            "pool5", "features", "logits");
    }

    @Test void unknownFilterColumnListsColumns() {
        assertUserError(compare(CliRun.fixture("models/classifier_a.onnx"), DATA, "circle", "--filter", "colour=red"), "colour", "marker");
    }

    @Test void missingData() { assertUserError(compare(CliRun.fixture("models/classifier_a.onnx"), tmp.resolve("none").toString(), "circle"), "--data", "none"); }

    @Test void badOptionValue() {
        CliRun r = compare(CliRun.fixture("models/classifier_a.onnx"), DATA, "circle", "--output", "softmaxx");
        assertUserError(r, "--output", "softmaxx");
    }

    @Test void unreadableImageIsSkippedAndCounted() throws Exception {
        Path data = tmp.resolve("data");
        CliRun.copyFixture("data", data);
        Files.copy(Path.of(CliRun.fixture("bad/not_an_image.png")), data.resolve("circle/broken.png"));
        CliRun r = compare(CliRun.fixture("models/classifier_a.onnx"), data.toString(), "circle");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("broken.png"), r.err());
        var m = ResultJson.read(tmp.resolve("out/result.json")).manifest();
        assertEquals(1, m.dataset().skipped().size());
        assertTrue(m.dataset().skipped().get(0).startsWith("circle/broken.png"), m.dataset().skipped().toString());
        assertEquals(m.dataset().images() - 1, m.dataset().usable());
    }

    @Test void nothingUsableFails() throws Exception {
        Path data = tmp.resolve("junk");
        Files.createDirectories(data.resolve("circle"));
        Files.copy(Path.of(CliRun.fixture("bad/not_an_image.png")), data.resolve("circle/a.png"));
        assertUserError(compare(CliRun.fixture("models/classifier_a.onnx"), data.toString(), "circle"), "could be read", "a.png");
    }
}
