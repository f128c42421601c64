package io.imacs.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imacs.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** compare runs in this process ({@link CliRun}), and comparisons of two runs' outputs. */
final class SparkRuns {
    private SparkRuns() {}

    static final Path FIXTURES = CliRun.FIXTURES;

    static String fixture(String relative) { return CliRun.fixture(relative); }

    static CliRun compare(List<String> args, String... more) {
        List<String> all = new ArrayList<>(List.of("compare"));
        all.addAll(args);
        all.addAll(List.of(more));
        CliRun r = CliRun.of(all.toArray(new String[0]));
        if (r.exitCode() != 0) fail("exit " + r.exitCode() + ": " + r.err() + r.out());
        return r;
    }

    /**
     * result.json of both runs, field by field: the same strings and structure, numbers within {@code tolerance};
     * {@code manifest.parameters.stagesRanOn} (where the stages ran) is left out.
     */
    static void assertSameResult(Path expected, Path actual, double tolerance) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(expected.resolve("result.json").toFile()), b = json.readTree(actual.resolve("result.json").toFile());
        for (JsonNode run : List.of(a, b)) ((com.fasterxml.jackson.databind.node.ObjectNode) run.path("manifest").path("parameters")).remove("stagesRanOn");
        assertSame("", a, b, tolerance);
    }

    private static void assertSame(String at, JsonNode a, JsonNode b, double tolerance) {
        if (a.isNumber() && b.isNumber()) {
            assertTrue(Math.abs(a.asDouble() - b.asDouble()) <= tolerance, at + ": " + a + " vs " + b);
            return;
        }
        assertEquals(a.getNodeType(), b.getNodeType(), at);
        if (a.isObject()) {
            List<String> an = new ArrayList<>(), bn = new ArrayList<>();
            a.fieldNames().forEachRemaining(an::add);
            b.fieldNames().forEachRemaining(bn::add);
            assertEquals(an, bn, at);
            for (Iterator<Map.Entry<String, JsonNode>> f = a.fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> e = f.next();
                assertSame(at + "." + e.getKey(), e.getValue(), b.get(e.getKey()), tolerance);
            }
        } else if (a.isArray()) {
            assertEquals(a.size(), b.size(), at + " length");
            for (int i = 0; i < a.size(); i++) assertSame(at + "[" + i + "]", a.get(i), b.get(i), tolerance);
        } else assertEquals(a, b, at);
    }

    /** segments.csv of both runs cell by cell, numbers within {@code tolerance}. */
    static void assertSameCsv(Path expected, Path actual, double tolerance) throws IOException {
        List<String> a = Files.readAllLines(expected.resolve("segments.csv")), b = Files.readAllLines(actual.resolve("segments.csv"));
        assertEquals(a.size(), b.size(), "segments.csv rows");
        for (int r = 0; r < a.size(); r++) {
            String[] x = a.get(r).split(",", -1), y = b.get(r).split(",", -1);
            assertEquals(x.length, y.length, "segments.csv row " + r);
            for (int c = 0; c < x.length; c++) {
                if (x[c].equals(y[c])) continue;
                try {
                    assertTrue(Math.abs(Double.parseDouble(x[c]) - Double.parseDouble(y[c])) <= tolerance, "row " + r + " cell " + c);
                } catch (NumberFormatException e) {
                    fail("segments.csv row " + r + " cell " + c + ": " + x[c] + " vs " + y[c]);
                }
            }
        }
    }

    /** The files under {@code dir}/{@code sub} and their bytes, equal in both runs. */
    static void assertSameFiles(Path expected, Path actual, String sub) throws IOException {
        try (var a = Files.list(expected.resolve(sub)); var b = Files.list(actual.resolve(sub))) {
            List<String> an = a.map(p -> p.getFileName().toString()).sorted().toList(), bn = b.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(an, bn, sub);
            for (String n : an)
                assertTrue(java.util.Arrays.equals(Files.readAllBytes(expected.resolve(sub).resolve(n)), Files.readAllBytes(actual.resolve(sub).resolve(n))),
                    sub + "/" + n);
        }
    }
}
