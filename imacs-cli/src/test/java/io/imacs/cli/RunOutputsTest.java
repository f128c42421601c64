package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.result.ImacsResult;
import io.imacs.result.ResultJson;
import io.imacs.result.SegmentEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults of a whole run (issue 14): where it writes, who else writes there, what it records. */
class RunOutputsTest {
    @TempDir Path tmp;

    private static String[] args(Path out, String... options) { return CacheCliTest.args(out, options).toArray(String[]::new); }

    private static void assertUserError(CliRun r, String... mentions) {
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("imacs: error: ")), r.err());
        for (String m : mentions) assertTrue(r.err().contains(m), "'" + m + "' not in: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    /** Case 14: --out names an existing file. */
    @Test void anOutThatIsAFileIsSaidToBeOne() throws Exception {
        Path file = Files.writeString(tmp.resolve("results"), "x");
        for (String cache : List.of("--cache", "--no-cache")) {
            CliRun r = CliRun.of(cache.equals("--cache") ? args(file) : args(file, "--no-cache", ""));
            assertUserError(r, "--out " + file + " is a file, not a directory", "give a directory", "move the file away");
            assertFalse(r.err().contains("cache directory"), "not blamed on the default cache: " + r.err());
        }
        assertUserError(CliRun.of(args(file.resolve("run"))), "--out " + file.resolve("run"), file + " is a file, not a directory");
        assertEquals("x", Files.readString(file));
    }

    /** Case 15: --cache on a directory this user cannot write (a user's error; root writes anywhere). */
    @Test void aReadOnlyCacheDirectoryIsSaidToBeReadOnly() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("shared-cache"));
        assertTrue(cache.toFile().setWritable(false, false));
        try {
            Assumptions.assumeFalse(Files.isWritable(cache), "running as root: every directory is writable");
            CliRun r = CliRun.of(args(tmp.resolve("out"), "--cache", cache.toString()));
            assertUserError(r, "--cache " + cache + " is read-only", "--no-cache");
            assertFalse(r.err().contains("CANTOPEN") || r.err().contains("delete the file"), r.err());
        } finally {
            cache.toFile().setWritable(true, false);
        }
    }

    /** Case 15, where root cannot be stopped by permissions: a cache directory that is a file is refused before SQLite opens it. */
    @Test void aCacheDirectoryThatIsAFileIsRefusedBeforeSqlite() throws Exception {
        Path file = Files.writeString(tmp.resolve("cache-file"), "x");
        CliRun r = CliRun.of(args(tmp.resolve("out"), "--cache", file.toString()));
        assertUserError(r, "--cache " + file + " is a file, not a directory", "--no-cache");
    }

    /** Case 16: a second run on the same --out stops at once and names the first; the first is not disturbed. */
    @Test void aSecondRunOnTheSameOutStopsAtOnce() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("busy"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), ImacsCommand.class.getName()));
        cmd.addAll(List.of(args(out, "--images-per-model", "40", "--batch-size", "2")));
        Process first = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("first.log").toFile()).start();
        try {
            Path lock = out.resolve(OutputLock.FILE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (first.isAlive() && !(Files.isRegularFile(lock) && Files.readString(lock).trim().equals(Long.toString(first.pid()))))
                if (System.nanoTime() > deadline) fail("the first run never took the lock"); else Thread.sleep(5);
            assertTrue(first.isAlive(), "the first run finished before the second started:\n" + Files.readString(tmp.resolve("first.log")));
            long t0 = System.nanoTime();
            CliRun second = CliRun.of(args(out));
            assertUserError(second, "another imacs run is writing " + out + " (pid " + first.pid() + ")", "another --out");
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "at once, without waiting for the first");
            assertTrue(first.waitFor(5, TimeUnit.MINUTES));
            assertEquals(0, first.exitValue(), Files.readString(tmp.resolve("first.log")));
        } finally {
            first.destroyForcibly();
        }
        assertNotNull(ResultJson.read(out.resolve("result.json")));
        assertEquals(0, CliRun.of(args(out)).exitCode(), "the lock goes with the run that held it");
    }

    /** Case 16, in one process: a run holding --out refuses another, then lets the next one in. */
    @Test void aHeldOutIsRefusedInTheSameProcessToo() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("held"));
        try (OutputLock held = OutputLock.acquire(out)) {
            assertUserError(CliRun.of(args(out)), "another imacs run is writing " + out + " (pid " + ProcessHandle.current().pid() + ")");
        }
        CliRun r = CliRun.of(args(out));
        assertEquals(0, r.exitCode(), r.err());
    }

    /** Case 16: the lock file a killed run leaves behind, with its dead pid, does not block the next run. */
    @Test void aStaleLockFileDoesNotBlock() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("stale"));
        long dead = deadPid();
        Files.writeString(out.resolve(OutputLock.FILE), dead + "\n");
        CliRun r = CliRun.of(args(out));
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(out.resolve(OutputLock.FILE)).trim(), "the new run's pid");
    }

    /** A pid no process has: the pid of a process that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        assertFalse(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false));
        return p.pid();
    }

    /** Case 17: a write that fails leaves no temporary file, and the error says which file and why. */
    @Test void aFailedOutputWriteLeavesNoTemporaryFile() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("blocked"));
        // result.json is a non-empty directory: writing result.json.tmp works, replacing result.json cannot
        Files.writeString(Files.createDirectories(out.resolve("result.json")).resolve("keep"), "x");
        CliRun r = CliRun.of(args(out));
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("imacs: I/O error: cannot write " + out.resolve("result.json") + ": " + out.resolve("result.json")
            + " is a directory, not a file"), r.err());
        try (Stream<Path> files = Files.walk(out)) {
            List<Path> left = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertEquals(List.of(), left, "temporary files left behind");
        }
    }

    /**
     * Case 17 for real: segments.csv's temporary file is a link to /dev/full, which fails every write with ENOSPC as a
     * full disk does. The run says the disk is full, and neither the link nor any other temporary file is left.
     */
    @Test void aFullDiskIsSaidToBeOneAndLeavesNoTemporaryFile() throws Exception {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full here");
        Path out = Files.createDirectories(tmp.resolve("full"));
        Path csv = out.resolve("segments.csv");
        Files.createSymbolicLink(csv.resolveSibling("segments.csv.tmp"), full);
        CliRun r = CliRun.of(args(out));
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("imacs: I/O error: cannot write " + csv + ": the disk is full (no space left on device)"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        try (Stream<Path> files = Files.walk(out)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(), "temporary files left behind");
        }
    }

    /** Case 17: a full disk is named, wherever the cause chain hides it ("I/O error writing PNG file!"). */
    @Test void aFullDiskIsSaidToBeOne() {
        var png = new javax.imageio.IIOException("I/O error writing PNG file!",
            new java.nio.file.FileSystemException("/out/tiles/A-00001-003.png.tmp", null, "No space left on device"));
        String msg = ErrorHandler.ioMessage(png, png.getMessage());
        assertTrue(msg.startsWith("I/O error writing PNG file!: the disk is full (no space left on device): free some space"), msg);
        assertEquals(msg, ErrorHandler.ioMessage(png, msg), "said once");
    }

    /**
     * Case 22: TorchScript models ranked by XRAI over Guided IG give the same segments, ranks and attributions with
     * {@code --batch-size 1} as with 32 (gradient calls are padded, ties in rank order are broken by segment index).
     */
    @Test void theBatchSizeChangesNoResult() throws Exception {
        List<String> csv = new ArrayList<>();
        for (String batch : List.of("1", "32")) {
            Path out = tmp.resolve("batch-" + batch);
            CliRun r = CliRun.of("compare", "--model-a", CliRun.fixture("models/classifier_a.pt"), "--model-b", CliRun.fixture("models/classifier_b.pt"),
                "--embedder", CliRun.fixture("models/embedder.onnx"), "--data", CliRun.fixture("data/labels.csv"), "--class", "circle",
                "--out", out.toString(), "--images-per-model", "8", "--segments-per-image", "3", "--clusters", "2", "--no-report", "--no-cache",
                "--batch-size", batch);
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("xrai-gig guided-ig"), "ranked by XRAI over Guided IG: " + r.out());
            csv.add(Files.readString(out.resolve("segments.csv")));
        }
        assertEquals(csv.get(1), csv.get(0), "segments.csv with --batch-size 1 against 32");
    }

    /** Case 13: more segments asked than the segmentation gives: a warning, and the manifest records what was used. */
    @Test void segmentsPerImageAboveTheGridsIsWarnedAndRecorded() throws Exception {
        Path out = tmp.resolve("grid");
        CliRun r = CliRun.of(args(out, "--segments-per-image", "6", "--grid", "2"));
        assertEquals(0, r.exitCode(), r.err());
        ImacsResult result = ResultJson.read(out.resolve("result.json"));
        Map<String, Object> p = result.manifest().parameters();
        assertEquals(6, p.get("segmentsPerImage"), "what was asked, as the options say");
        assertEquals(4, p.get("segmentsPerImageUsed"), "what a 2 x 2 grid allows");
        Map<String, Long> perImage = result.segments().stream().collect(Collectors.groupingBy(s -> s.model() + s.image(), Collectors.counting()));
        assertTrue(perImage.values().stream().allMatch(n -> n == 4), perImage.toString());
        String warning = "--segments-per-image 6 is more than the segmentation (grid 2x2) gives: each image has 4 segments";
        assertTrue(result.manifest().warnings().stream().anyMatch(w -> w.startsWith("`segmentsPerImage` 6 is more")), result.manifest().warnings().toString());
        assertTrue(r.err().contains("imacs: warning: " + warning), r.err());
        assertTrue(r.out().contains(warning), "in the summary: " + r.out());
        assertTrue(result.segments().stream().mapToInt(SegmentEntry::rank).max().orElse(0) <= 4);
    }
}
