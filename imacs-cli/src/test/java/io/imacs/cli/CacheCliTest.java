package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite result cache through the CLI: reruns without model passes, and runs killed part way that resume. */
class CacheCliTest {
    @TempDir Path tmp;

    static final String NO_PASSES = "model passes: 0 forward, 0 backward (classifiers), 0 forward (embedder)";

    /** compare on the ONNX fixtures; {@code options} (name, value pairs) replace the small defaults. */
    static List<String> args(Path out, String... options) {
        java.util.Map<String, String> o = new java.util.LinkedHashMap<>(java.util.Map.of("--images-per-model", "12",
            "--segments-per-image", "3", "--clusters", "3"));
        for (int i = 0; i < options.length; i += 2) o.put(options[i], options[i + 1]);
        List<String> a = new ArrayList<>(List.of("compare", "--model-a", CliRun.fixture("models/classifier_a.onnx"),
            "--model-b", CliRun.fixture("models/classifier_b.onnx"), "--embedder", CliRun.fixture("models/embedder.onnx"),
            "--data", CliRun.fixture("data/labels.csv"), "--class", "circle", "--out", out.toString(), "--no-report"));
        o.forEach((k, v) -> {
            a.add(k);
            if (!v.isEmpty()) a.add(v);
        });
        return a;
    }

    static byte[] resultJson(Path out) throws Exception { return Files.readAllBytes(out.resolve("result.json")); }

    @Test void rerunChangingOnlyClustersMakesNoModelPass() throws Exception {
        Path first = tmp.resolve("first"), second = tmp.resolve("second"), plain = tmp.resolve("plain");
        CliRun cold = CliRun.of(args(first).toArray(String[]::new));
        assertEquals(0, cold.exitCode(), cold.err());
        assertFalse(cold.out().contains(NO_PASSES), cold.out());
        assertTrue(Files.isRegularFile(first.resolve(SqliteCache.FILE)), "the cache lives in --out by default");

        CliRun warm = CliRun.of(args(second, "--clusters", "2", "--cache", first.toString()).toArray(String[]::new));
        assertEquals(0, warm.exitCode(), warm.err());
        assertTrue(warm.out().contains(NO_PASSES), warm.out());
        assertFalse(Files.exists(second.resolve(SqliteCache.FILE)), "--cache puts it elsewhere");
        assertEquals(0, CliRun.of(args(plain, "--clusters", "2", "--no-cache", "").toArray(String[]::new)).exitCode());
        assertArrayEquals(resultJson(plain), resultJson(second), "cached values give the bytes computed ones give");
        assertFalse(Files.exists(plain.resolve(SqliteCache.FILE)), "--no-cache writes no database");
    }

    /** Every file a run writes (result, table, report, tiles, thumbnails), by path under its output directory. */
    static java.util.Map<String, byte[]> outputs(Path out) throws Exception {
        java.util.Map<String, byte[]> files = new java.util.TreeMap<>();
        try (var walk = Files.walk(out)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                String name = out.relativize(f).toString();
                if (!name.startsWith("imacs-cache.sqlite")) files.put(name, Files.readAllBytes(f));
            }
        }
        return files;
    }

    static void assertSameOutputs(Path expected, Path actual) throws Exception {
        java.util.Map<String, byte[]> e = outputs(expected), a = outputs(actual);
        assertEquals(e.keySet(), a.keySet());
        for (String name : e.keySet()) assertArrayEquals(e.get(name), a.get(name), name);
    }

    @Test void aCachedRerunWritesTheColdRunsBytesWithoutDecodingOrHashingAnImage() throws Exception {
        Path cold = tmp.resolve("cold"), warm = tmp.resolve("warm");
        CliRun first = CliRun.of(without(args(cold), "--no-report").toArray(String[]::new));
        assertEquals(0, first.exitCode(), first.err());
        CliRun rerun = CliRun.of(without(args(warm, "--cache", cold.toString()), "--no-report").toArray(String[]::new));
        assertEquals(0, rerun.exitCode(), rerun.err());
        assertTrue(rerun.out().contains(NO_PASSES), rerun.out());
        assertTrue(rerun.out().contains("models opened: none"), rerun.out());
        assertTrue(rerun.out().contains("predict: 120 images, every prediction from the cache"), "no rate the models did not make: " + rerun.out());
        assertFalse(rerun.out().contains("images/s"), rerun.out());
        // every image hash, tile, thumbnail and segment from the cache: nothing decoded, drawn or hashed
        for (String kind : List.of("file", "thumbnail", "tile", "segment")) {
            int[] reused = reused(rerun.out(), kind);
            assertTrue(reused[0] > 0 && reused[0] == reused[1], kind + " fully reused: " + rerun.out());
        }
        assertSameOutputs(cold, warm); // result.json, segments.csv, report.html, tiles/, images/
    }

    @Test void aChangedImageIsHashedAgainAndItsResultsAndTilesRedone() throws Exception {
        Path data = tmp.resolve("data"), first = tmp.resolve("first"), second = tmp.resolve("second"), plain = tmp.resolve("plain");
        CliRun.copyFixture("data", data);
        String copy = data.resolve("labels.csv").toString();
        CliRun cold = CliRun.of(onData(without(args(first), "--no-report"), copy).toArray(String[]::new));
        assertEquals(0, cold.exitCode(), cold.err());
        // an image both models' samples hold: rotate it half a turn (same size on disk is not needed)
        var images = new com.fasterxml.jackson.databind.ObjectMapper().readTree(first.resolve("result.json").toFile()).get("images");
        var picked = images.get(0);
        Path image = data.resolve(picked.get("id").asText());
        java.awt.image.BufferedImage src = javax.imageio.ImageIO.read(image.toFile());
        java.awt.image.BufferedImage turned = new java.awt.image.BufferedImage(src.getWidth(), src.getHeight(), java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < src.getHeight(); y++)
            for (int x = 0; x < src.getWidth(); x++) turned.setRGB(src.getWidth() - 1 - x, src.getHeight() - 1 - y, src.getRGB(x, y) ^ 0x00ffffff);
        javax.imageio.ImageIO.write(turned, "png", image.toFile());
        String thumbnail = picked.get("thumbnail").asText();
        byte[] oldThumbnail = Files.readAllBytes(first.resolve(thumbnail));

        CliRun rerun = CliRun.of(onData(without(args(second, "--cache", first.toString()), "--no-report"), copy).toArray(String[]::new));
        assertEquals(0, rerun.exitCode(), rerun.err());
        int[] files = reused(rerun.out(), "file");
        assertEquals(1, files[1] - files[0], "the one changed file is hashed again: " + rerun.out());
        int[] decoded = reused(rerun.out(), "image");
        assertEquals(1, decoded[1] - decoded[0], "and decoded and predicted again: " + rerun.out());
        assertFalse(rerun.out().contains(NO_PASSES), rerun.out());
        assertEquals(0, CliRun.of(onData(without(args(plain, "--no-cache", ""), "--no-report"), copy).toArray(String[]::new)).exitCode());
        assertSameOutputs(plain, second); // as a run without cache on the changed data, tiles included
        assertFalse(java.util.Arrays.equals(resultJson(first), resultJson(second)), "the result changed with the image");
        assertFalse(java.util.Arrays.equals(oldThumbnail, Files.readAllBytes(second.resolve(thumbnail))), "its thumbnail is redrawn");
    }

    /** [reused, looked up] of one kind in the summary's cache line. */
    static int[] reused(String summary, String kind) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[ ,]" + kind + " (\\d+)/(\\d+)").matcher(summary);
        assertTrue(m.find(), kind + ": " + summary);
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    /** {@code args} on other data. */
    static List<String> onData(List<String> args, String csv) {
        List<String> out = new ArrayList<>(args);
        out.set(out.indexOf("--data") + 1, csv);
        return out;
    }

    /** {@code args} without one flag (e.g. --no-report, to write the report too). */
    static List<String> without(List<String> args, String flag) {
        List<String> out = new ArrayList<>(args);
        out.remove(flag);
        return out;
    }

    @Test void aRunKilledMidWayResumesToTheSameResult() throws Exception { killAndResume(true); }

    @Test void aRunInterruptedLikeCtrlCResumesToTheSameResult() throws Exception { killAndResume(false); }

    /**
     * Runs compare in a child JVM, kills it as soon as some images are stored (while it goes on writing),
     * reruns it, and compares with an uninterrupted run byte for byte.
     */
    private void killAndResume(boolean forcibly) throws Exception {
        Path out = tmp.resolve("killed"), plain = tmp.resolve("plain");
        // small chunks (batch 2): many transactions, so the kill lands while the run is writing
        String[] extra = {"--images-per-model", "40", "--batch-size", "2"};
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), ImacsCommand.class.getName()));
        cmd.addAll(args(out, extra));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        int stored = 0;
        while (child.isAlive() && (stored = count(out, "shapley")) < 2) Thread.sleep(5);
        assertTrue(child.isAlive(), "the child finished before it could be stopped:\n" + Files.readString(tmp.resolve("child.log")));
        if (forcibly) child.destroyForcibly(); else child.destroy(); // SIGKILL, or SIGTERM as Ctrl-C's shutdown
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        int afterKill = count(out, "shapley");
        assertTrue(afterKill >= stored && afterKill < 2 * 40, "stopped part way: " + afterKill + " images stored");
        assertFalse(Files.exists(out.resolve("result.json")));

        CliRun resumed = CliRun.of(args(out, extra).toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertFalse(resumed.out().contains(NO_PASSES), "the rest is computed");
        assertTrue(resumed.out().matches("(?s).*reused .*shapley " + afterKill + "/.*"), "finished images reused: " + resumed.out());
        assertEquals(0, CliRun.of(args(plain, extra).toArray(String[]::new)).exitCode());
        assertArrayEquals(resultJson(plain), resultJson(out));
    }

    /** Entries of {@code kind} in the run's cache, read while the child may be writing (WAL allows it). */
    static int count(Path out, String kind) throws Exception {
        File db = out.resolve(SqliteCache.FILE).toFile();
        if (!db.isFile()) return 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.getAbsolutePath());
             ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM entries WHERE kind = '" + kind + "'")) {
            return r.next() ? r.getInt(1) : 0;
        } catch (java.sql.SQLException e) {
            return 0; // the table does not exist yet
        }
    }
}
