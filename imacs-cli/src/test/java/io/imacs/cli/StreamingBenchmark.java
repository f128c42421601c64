package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: numbers for docs/benchmarks.md "## Streaming at scale". Disabled unless -Dbench=true:
 * {@code mvn -B -o -q -pl imacs-cli -am test -Dtest=StreamingBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench=true}.
 * For each size in -Dstreaming.sizes (default 10000,100000) it writes a {@link ShapeImages} set (seed 100) under
 * -Dstreaming.dir (default /tmp/imacs-streaming; kept, so a rerun reuses it) and runs {@code imacs compare} on the fixture
 * models in a fresh JVM with a 1 GB heap (-Dstreaming.heap) and a GC log, with a cold result cache. The heap after each collection is
 * what the run still held; its maximum over the run shows whether memory grows with the evaluation set.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class StreamingBenchmark {
    /** The forked JVM's heap limit, -Dstreaming.heap (default 1g, the issue's). */
    static final String HEAP = "-Xmx" + System.getProperty("streaming.heap", "1g");
    private static final Pattern PAUSE = Pattern.compile("Pause .*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern PREDICT = Pattern.compile("predict: (\\d+) images in ([\\d.]+) s, ([\\d.]+) images/s");
    private static final Pattern TOTAL = Pattern.compile("\\((\\d+) usable images of (\\d+), ([\\d.]+) s\\)");

    @Test void compareOnGeneratedSets() throws Exception {
        Path root = Path.of(System.getProperty("streaming.dir", System.getProperty("java.io.tmpdir") + "/imacs-streaming"));
        List<String> rows = new ArrayList<>();
        for (String size : System.getProperty("streaming.sizes", "10000,100000").split(",")) {
            int n = Integer.parseInt(size.strip());
            Path csv = root.resolve(String.valueOf(n)).resolve("labels.csv");
            if (!Files.exists(csv)) ShapeImages.write(csv.getParent(), n, 100);
            rows.add(run(csv, root.resolve(n + "-run")));
            System.out.println("STREAMING " + rows.get(rows.size() - 1));
        }
        System.out.println("| images | heap | wall (whole run) | predict | predict images/s | GCs | most heap in use (before a GC) | most heap kept (after a GC) | 1-min load at start |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    /** One compare in its own JVM; a markdown row of what it measured. */
    private static String run(Path csv, Path out) throws Exception {
        deleteTree(out);
        Files.createDirectories(out);
        Path gc = out.resolve("gc.log"), log = out.resolve("compare.log");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP, "-Xlog:gc:file=" + gc,
            "-Dai.djl.offline=true", "-cp", classpath, ImacsCommand.class.getName(), "compare",
            "--model-a", CliRun.fixture("models/classifier_a.pt"), "--model-b", CliRun.fixture("models/classifier_b.pt"),
            "--embedder", CliRun.fixture("models/embedder.onnx"), "--data", csv.toString(), "--class", "circle",
            "--images-per-model", "20", "--clusters", "4", "--out", out.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putIfAbsent("ONEDNN_MAX_CPU_ISA", "SSE41"); // as ./imacs runs it (docs/models.md)
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long t0 = System.nanoTime();
        int code = pb.start().waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        String text = Files.readString(log);
        assertEquals(0, code, "compare failed; see " + log + ":\n" + text.substring(Math.max(0, text.length() - 3000)));
        Matcher p = PREDICT.matcher(text), t = TOTAL.matcher(text);
        assertTrue(p.find() && t.find(), "no summary in " + log);
        int pauses = 0;
        long mostBefore = 0, mostAfter = 0;
        for (String line : Files.readAllLines(gc)) {
            Matcher m = PAUSE.matcher(line);
            if (!m.find()) continue;
            pauses++;
            mostBefore = Math.max(mostBefore, Long.parseLong(m.group(1)));
            mostAfter = Math.max(mostAfter, Long.parseLong(m.group(2)));
        }
        return String.format(Locale.ROOT, "| %s | %s | %.0f s (pipeline %s s) | %s s | %s | %d | %d MB | %d MB | %.1f |",
            t.group(2), HEAP.substring(4), wall, t.group(3), p.group(2), p.group(3), pauses, mostBefore, mostAfter, load);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }
}
