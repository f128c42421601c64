package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.result.ImacsResult;
import io.imacs.result.ImageEntry;
import io.imacs.result.ResultJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, the evaluation data and sidecars: a bad CSV or sidecar is one line naming the file, line or field (exit 2);
 * data the run can use but may not mean as given (repeated rows, unknown labels, other class lists) is warned about.
 */
class BadDataInputTest {
    @TempDir Path tmp;

    private CliRun compare(String modelA, String data, String... extra) {
        List<String> a = new ArrayList<>(List.of("compare", "--model-a", modelA, "--model-b", CliRun.fixture("models/classifier_b.onnx"),
            "--embedder", CliRun.fixture("models/embedder.onnx"), "--data", data, "--class", "circle", "--out", tmp.resolve("out").toString(),
            "--images-per-model", "4", "--segments-per-image", "2", "--clusters", "2", "--no-report", "--no-cache"));
        a.addAll(List.of(extra));
        return CliRun.of(a.toArray(String[]::new));
    }

    private CliRun compareCsv(String csv, String... extra) throws Exception {
        Path file = Files.writeString(tmp.resolve("eval.csv"), csv, StandardCharsets.UTF_8);
        return compare(CliRun.fixture("models/classifier_a.onnx"), file.toString(), extra);
    }

    private static void assertUserError(CliRun r, String... mentions) {
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("imacs: error: ")), r.err());
        for (String m : mentions) assertTrue(r.err().contains(m), "'" + m + "' not in: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test void pathOutsideTheCsvsDirectoryIsRefused() throws Exception {
        assertUserError(compareCsv("path,label\na.png,circle\n../x.png,circle\n"), "--data " + tmp.resolve("eval.csv") + " line 3",
            "path ../x.png is outside", "--allow-outside-data");
        assertUserError(compareCsv("path,label\n/etc/passwd,circle\n"), "line 2: path /etc/passwd is outside");
    }

    @Test void latin1CsvNamesFileLineAndEncoding() throws Exception {
        Files.write(tmp.resolve("latin1.csv"), "path,label\na.png,circle\nb.png,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRun r = compare(CliRun.fixture("models/classifier_a.onnx"), tmp.resolve("latin1.csv").toString());
        assertUserError(r, "--data " + tmp.resolve("latin1.csv") + " line 3: not UTF-8", "Latin-1");
        assertFalse(r.err().contains("internal error"), r.err());
    }

    @Test void unclosedQuoteNamesFileAndLine() throws Exception {
        assertUserError(compareCsv("path,label\na.png,circle\n\"b.png,circle\nc.png,square\n"),
            "--data " + tmp.resolve("eval.csv") + " line 3: a quoted value", "not closed");
    }

    @Test void raggedRowIsNamed() throws Exception {
        CliRun r = compareCsv("path,label,marker\na.png,circle,no\nb.png,circle\n");
        assertUserError(r, "line 3: 2 values where the header (line 1) has 3 columns");
        assertFalse(r.err().contains("needs a header"), r.err());
    }

    @Test void sidecarFieldOfTheWrongTypeIsNamed() throws Exception {
        Path model = Files.copy(Path.of(CliRun.fixture("models/classifier_a.onnx")), tmp.resolve("a.onnx"));
        Files.writeString(tmp.resolve("a.json"), Files.readString(Path.of(CliRun.fixture("models/classifier_a.json")))
            .replace("\"inputSize\": [32, 32]", "\"inputSize\": \"32\""));
        assertUserError(compare(model.toString(), CliRun.fixture("data/labels.csv")),
            tmp.resolve("a.json") + ": field 'inputSize' must be a list of two integers [H, W], not the string \"32\"");
    }

    /**
     * A repeated row is kept once; labels a model has no class for and class lists that differ are warned about, on
     * the console and in the manifest. Model B's third class is renamed, so 'stripes' is no class of B.
     */
    @Test void repeatedRowsUnknownLabelsAndOtherClassListsAreWarnedAbout() throws Exception {
        Path data = tmp.resolve("data");
        CliRun.copyFixture("data", data);
        List<String> rows = new ArrayList<>(Files.readAllLines(data.resolve("labels.csv")));
        rows.add(rows.get(1));
        rows.set(2, rows.get(2).replace(",circle,", ",tulip,"));
        Path csv = Files.write(data.resolve("labels.csv"), rows);
        CliRun r = compare(CliRun.fixture("models/classifier_a.onnx"), csv.toString(), "--spec-b", "classes=circle,square,triangle");
        assertEquals(0, r.exitCode(), r.err());
        String repeated = "--data " + csv + ": 1 row names an image an earlier row names, and is left out (each image counts once); e.g. line "
            + rows.size() + " repeats line 2 (circle/circle_000.png)";
        String tulip = "--data " + csv + ": 1 of 120 images have a label that is not a class of model A (tulip; e.g. circle/circle_001.png is 'tulip')";
        String stripes = "--data " + csv + ": 41 of 120 images have a label that is not a class of model B (stripes, tulip;";
        String classes = "models A and B have different classes (A: circle, square, stripes; B: circle, square, triangle): --class circle is matched by name";
        for (String w : List.of(repeated, tulip, stripes, classes)) assertTrue(r.err().contains("imacs: warning: " + w), w + " not in: " + r.err());
        ImacsResult result = ResultJson.read(tmp.resolve("out/result.json"));
        assertEquals(120, result.manifest().dataset().images());
        assertEquals(result.images().size(), result.images().stream().map(ImageEntry::id).distinct().count(), "ids are unique");
        List<String> warnings = result.manifest().warnings().stream().map(OptionFlags::render).toList();
        for (String w : List.of(repeated, tulip, stripes, classes)) assertTrue(warnings.stream().anyMatch(x -> x.startsWith(w)), w + " not in: " + warnings);
    }
}
