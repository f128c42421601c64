package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.fixtures.BadImages;
import io.imacs.result.ResultJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad image inputs end to end, one row each: what the user gives, the exit code, the words the message must
 * have. In a comparison a bad image is skipped with a warning naming it and listed in the manifest's skipped
 * entries; given to {@code attribute --image} it is an error (exit 2). Never a stack trace.
 */
class ImageInputsTest {
    @TempDir Path tmp;

    /** What the row sets up in {@code tmp}: the command line to run. */
    interface Setup { String[] args(Path tmp) throws Exception; }

    /**
     * @param skipped the start of the one skipped entry the row expects in the manifest; "" for a comparison that
     *                skips nothing; null where no result.json is written or read (attribute, or an error)
     */
    record Row(String input, Setup setup, int exit, List<String> words, String skipped) {
        @Override public String toString() { return input; }
    }

    static Stream<Row> rows() {
        return Stream.of(
            new Row("20000x20000 PNG (tiny on disk) in ImageFolder data", t -> compare(t, folderWith(t, "circle/huge.png", ImageInputsTest::hugePng)),
                0, List.of("skipped", "huge.png", "20000x20000", "limit of 50 megapixels"), "circle/huge.png"),
            new Row("20000x20000 PNG in a CSV row", t -> compare(t, csvWith(t, "circle/huge.png", ImageInputsTest::hugePng)),
                0, List.of("skipped", "huge.png", "limit of 50 megapixels"), "circle/huge.png"),
            new Row("20000x20000 PNG given to attribute --image", t -> attribute(t, hugePng(t.resolve("huge.png")).toString()),
                2, List.of("--image", "huge.png", "20000x20000", "limit of 50 megapixels"), null),
            // a copy of circle_000.png that sorts after it: the cache knows its content, but not its name
            new Row("file name not valid UTF-8 in ImageFolder data", t -> compare(t, folderWith(t, null, null)),
                0, List.of("skipped", "circle/zz", "not valid UTF-8", "rename it in directory", "circle"), "circle/zz"),
            new Row("file name not valid UTF-8 given to attribute --image (the JVM reads the byte as U+FFFD)",
                t -> attribute(t, nonUtf8(t.resolve("single"), "bad").toString()),
                2, List.of("--image", "bad", "U+FFFD", "not valid UTF-8", "single", "rename it"), null),
            new Row("CSV row whose path is not valid UTF-8", t -> compare(t, csvWithBytes(t, new byte[] {'b', (byte) 0xff, '.', 'p', 'n', 'g'})),
                2, List.of("--data", "labels.csv", "line 122", "not UTF-8 text", "save it as UTF-8"), null),
            new Row("CSV row naming a missing image, cache on (the default)", t -> compare(t, csvWith(t, "circle/gone.png", null)),
                0, List.of("skipped", "gone.png", "missing"), "circle/gone.png"),
            new Row("CSV row naming a missing image, --no-cache", t -> compare(t, csvWith(t, "circle/gone.png", null), "--no-cache"),
                0, List.of("skipped", "gone.png", "missing"), "circle/gone.png"),
            new Row("CMYK JPEG in ImageFolder data", t -> compare(t, folderWith(t, "circle/cmyk.jpg", ImageInputsTest::cmykJpeg)),
                0, List.of(), ""),
            new Row("CMYK JPEG given to attribute --image", t -> attribute(t, CliRun.fixture("bad/cmyk.jpg")),
                0, List.of(), null));
    }

    @ParameterizedTest(name = "{0}") @MethodSource("rows")
    void badImageInput(Row row) throws Exception {
        String[] args = row.setup().args(tmp);
        CliRun r = CliRun.of(args);
        assertEquals(row.exit(), r.exitCode(), row.input() + ": " + r.err());
        for (String w : row.words()) assertTrue(r.err().contains(w), row.input() + ": '" + w + "' not in: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        if (row.exit() == 2) assertTrue(r.err().lines().anyMatch(l -> l.startsWith("imacs: error: ")), r.err());
        if (row.skipped() == null) return;
        var dataset = ResultJson.read(tmp.resolve("out/result.json")).manifest().dataset();
        if (row.skipped().isEmpty()) {
            assertEquals(List.of(), dataset.skipped());
            return;
        }
        assertEquals(1, dataset.skipped().size(), dataset.skipped().toString());
        assertTrue(dataset.skipped().get(0).startsWith(row.skipped()), dataset.skipped().toString());
        assertEquals(dataset.images() - 1, dataset.usable());
    }

    // ---------------------------------------------------------------- setups

    private static String[] compare(Path tmp, Path data, String... extra) {
        List<String> a = new ArrayList<>(List.of("compare", "--model-a", CliRun.fixture("models/classifier_a.onnx"),
            "--model-b", CliRun.fixture("models/classifier_b.onnx"), "--embedder", CliRun.fixture("models/embedder.onnx"),
            "--data", data.toString(), "--class", "circle", "--out", tmp.resolve("out").toString(),
            "--images-per-model", "8", "--segments-per-image", "2", "--clusters", "2", "--no-report"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    private static String[] attribute(Path tmp, String image) {
        return new String[] {"attribute", "--model", CliRun.fixture("models/classifier_a.onnx"), "--image", image,
            "--class", "circle", "--method", "occlusion", "--grid", "4", "--out", tmp.resolve("attribution").toString()};
    }

    interface Maker { Path make(Path file) throws Exception; }

    /** A PNG whose header claims 20000x20000 (400 megapixels, 1.6 GB as ARGB ints), 1x1 and 70 bytes on disk. */
    private static Path hugePng(Path file) throws Exception { return BadImages.hugeHeaderPng(file, 20000, 20000); }

    /** fixtures/bad/cmyk.jpg: Adobe CMYK, as Photoshop and Pillow write it. */
    private static Path cmykJpeg(Path file) throws Exception { return Files.copy(Path.of(CliRun.fixture("bad/cmyk.jpg")), file); }

    /** The fixture data copied to tmp/data as an ImageFolder, plus {@code extra} made by {@code maker}; null: a name that is not UTF-8. */
    private static Path folderWith(Path tmp, String extra, Maker maker) throws Exception {
        Path data = copyFixtureData(tmp);
        Files.delete(data.resolve("labels.csv")); // an ImageFolder: DIR/<class>/<image>
        if (extra == null) nonUtf8(data.resolve("circle"), "zz");
        else maker.make(data.resolve(extra));
        return data;
    }

    /** The fixture data copied to tmp/data with its labels.csv, plus a row naming {@code extra} (made when {@code maker} is given). */
    private static Path csvWith(Path tmp, String extra, Maker maker) throws Exception {
        Path data = copyFixtureData(tmp);
        if (maker != null) maker.make(data.resolve(extra));
        Path csv = data.resolve("labels.csv");
        Files.writeString(csv, extra + ",circle,no\n", StandardOpenOption.APPEND);
        return csv;
    }

    /** A copy of circle_000.png in {@code dir} named {@code prefix}, the byte 0xFF and ".png"; skips the row where that cannot be. */
    /** The fixture data with a row whose path is {@code path} (raw bytes) appended to its labels.csv. */
    private static Path csvWithBytes(Path tmp, byte[] path) throws Exception {
        Path csv = copyFixtureData(tmp).resolve("labels.csv");
        Files.write(csv, path, StandardOpenOption.APPEND);
        Files.writeString(csv, ",circle,no\n", StandardOpenOption.APPEND);
        return csv;
    }

    private static Path nonUtf8(Path dir, String prefix) throws Exception {
        Path f = BadImages.nonUtf8Name(dir, prefix, ".png", Path.of(CliRun.fixture("data/circle/circle_000.png")));
        Assumptions.assumeTrue(f != null, "this system cannot make a file whose name is not valid UTF-8 (no /bin/sh, or the file system refuses it)");
        Assumptions.assumeFalse(BadImages.nameRoundTrips(f), "the JVM's file-name encoding (sun.jnu.encoding="
            + System.getProperty("sun.jnu.encoding") + ") reads every byte: such a name opens like any other");
        return f;
    }

    private static Path copyFixtureData(Path tmp) throws IOException {
        Path from = Path.of(CliRun.fixture("data")), data = tmp.resolve("data");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = data.resolve(from.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        return data;
    }
}
