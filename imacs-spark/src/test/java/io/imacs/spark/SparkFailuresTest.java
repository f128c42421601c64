package io.imacs.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.imacs.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures on Spark: reported by image as in one process, retried tasks without duplicates, a rerun resuming from the cache. */
class SparkFailuresTest {

    /** The fixture run on a copy of the data whose circle_003.png is not an image. */
    @Test void aCorruptImageIsSkippedAndNamedAsInOneProcess(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        CliRun.copyFixture("data", data);
        Files.write(data.resolve("circle/circle_003.png"), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'p', 'n', 'g'});
        Path one = tmp.resolve("one"), spark = tmp.resolve("spark");
        CliRun a = SparkRuns.compare(withData(SparkParityTest.fixtureRun(one), data), "--no-cache");
        CliRun b = SparkRuns.compare(withData(SparkParityTest.fixtureRun(spark), data), "--no-cache", "--spark", "local[2]");
        String skipped = skippedLine(a.err());
        assertTrue(skipped.contains("circle_003.png"), a.err());
        assertEquals(skipped, skippedLine(b.err()), "the same warning, naming the file");
        assertTrue(b.out().contains("skipped 1 unreadable file(s), e.g. circle/circle_003.png"), b.out());
        SparkRuns.assertSameResult(one, spark, SparkParityTest.TOLERANCE);
    }

    /**
     * A task that fails once is retried (local[2,2]: two attempts); the run keeps one attempt's segments. With one
     * attempt (local[2]) the same failure ends the run with the task's message in one line.
     */
    @Test void aRetriedTaskDuplicatesNoSegment(@TempDir Path tmp) throws Exception {
        Path one = tmp.resolve("one"), spark = tmp.resolve("spark");
        SparkRuns.compare(SparkParityTest.fixtureRun(one), "--no-cache");
        System.setProperty(WorkerTasks.FAIL_FIRST_ATTEMPT, "true");
        try {
            List<String> once = new ArrayList<>(List.of("compare"));
            once.addAll(SparkParityTest.fixtureRun(tmp.resolve("once")));
            once.addAll(List.of("--no-cache", "--spark", "local[2]"));
            CliRun failed = CliRun.of(once.toArray(new String[0]));
            assertEquals(1, failed.exitCode(), failed.err());
            assertTrue(failed.err().contains("a task failure injected by " + WorkerTasks.FAIL_FIRST_ATTEMPT), failed.err());
            assertFalse(failed.err().contains("\tat "), failed.err());

            SparkRuns.compare(SparkParityTest.fixtureRun(spark), "--no-cache", "--spark", "local[2,2]");
        } finally {
            System.clearProperty(WorkerTasks.FAIL_FIRST_ATTEMPT);
        }
        SparkRuns.assertSameResult(one, spark, SparkParityTest.TOLERANCE);
        SparkRuns.assertSameCsv(one, spark, SparkParityTest.TOLERANCE);
    }

    /**
     * Workers share the cache at --cache: a run after one that did part of the images (as after a lost executor)
     * predicts only the images the cache lacks, and a rerun makes no model pass at all.
     */
    @Test void aRerunComputesOnlyWhatTheSharedCacheLacks(@TempDir Path tmp) throws Exception {
        Path cache = tmp.resolve("cache");
        List<String> part = new ArrayList<>(SparkParityTest.fixtureRun(tmp.resolve("part")));
        part.addAll(List.of("--filter", "label=circle", "--cache", cache.toString(), "--spark", "local[2]"));
        SparkRuns.compare(part);
        CliRun whole = SparkRuns.compare(SparkParityTest.fixtureRun(tmp.resolve("whole")), "--cache", cache.toString(), "--spark", "local[2]");
        CliRun cold = SparkRuns.compare(SparkParityTest.fixtureRun(tmp.resolve("cold")), "--no-cache", "--spark", "local[2]");
        // the 40 circles' predictions by both models came from the cache (and the rankings of any circle both runs sampled)
        assertTrue(forwardPasses(whole) <= forwardPasses(cold) - 40 * 2, whole.out() + cold.out());
        SparkRuns.assertSameResult(tmp.resolve("cold"), tmp.resolve("whole"), SparkParityTest.TOLERANCE);
        CliRun again = SparkRuns.compare(SparkParityTest.fixtureRun(tmp.resolve("again")), "--cache", cache.toString(), "--spark", "local[2]");
        assertTrue(again.out().contains("every prediction from the cache"), again.out());
        assertTrue(again.out().contains("model passes: 0 forward, 0 backward (classifiers), 0 forward (embedder)"), again.out());
        // the summary counts the workers' lookups too: all 120 images' predictions by both models, all hits
        assertTrue(again.out().contains("prediction 240/240"), again.out());
        assertTrue(whole.out().contains("prediction 80/240"), "the 40 circles' predictions by both models were there: " + whole.out());
        SparkRuns.assertSameResult(tmp.resolve("whole"), tmp.resolve("again"), 0);
    }

    /** The classifiers' forward passes the run's summary counts (the workers' included). */
    private static long forwardPasses(CliRun run) {
        Matcher m = Pattern.compile("model passes: (\\d+) forward").matcher(run.out());
        assertTrue(m.find(), run.out());
        return Long.parseLong(m.group(1));
    }

    private static List<String> withData(List<String> args, Path data) {
        List<String> out = new ArrayList<>(args);
        out.set(out.indexOf("--data") + 1, data.resolve("labels.csv").toString());
        return out;
    }

    private static String skippedLine(String err) {
        return err.lines().filter(l -> l.contains("skipped ")).findFirst().orElse("(none)").replaceAll(".*(skipped )", "$1")
            .replaceAll("/[^ ]*/data/", "data/");
    }
}
