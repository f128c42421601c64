package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** imacs bench on the ONNX fixtures with tiny sizes: it measures real runs and reports what it measured. */
class BenchCommandTest {
    @TempDir Path tmp;

    /** bench on the ONNX fixtures at a cheap setting, plus {@code more} options. */
    static CliRun bench(String... more) {
        List<String> args = new ArrayList<>(List.of("bench", "--fixtures", CliRun.FIXTURES.toString(), "--model-a", CliRun.fixture("models/classifier_a.onnx"),
            "--model-b", CliRun.fixture("models/classifier_b.onnx"), "--images-per-model", "8", "--segments-per-image", "2",
            "--clusters", "2", "--skip-unbatched"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test void reportsPassesAgainstTheMinimumAndACachedRerunWithoutPasses() throws Exception {
        Path json = tmp.resolve("bench.json");
        CliRun r = bench("--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        // occlusion over a 4x4 grid (16 + 1) plus exact Shapley over 2 players (4, the full image shared): at least 20 per image
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("\\| attribute A \\(occlusion \\+ shapley-exact\\) \\| 8 \\| ([0-9.]+) \\(20\\) \\| 0\\.0 \\(0\\) \\| ([0-9.]+) \\(2\\) \\|").matcher(r.out());
        assertTrue(row.find(), r.out());
        double forward = Double.parseDouble(row.group(1));
        assertTrue(forward >= 20 && forward <= 21, "at most the full image twice: " + forward);
        assertTrue(Double.parseDouble(row.group(2)) <= 2, "M crops, fewer when the cache shares them");
        assertTrue(r.out().contains("| predict | 120 | 2.0 (2) |"), r.out());
        assertTrue(r.out().contains("cached run: 0 model passes, result.json identical"), r.out());
        assertFalse(r.out().contains("ONNX Runtime / PyTorch"), "no TorchScript model, no twin to compare");

        // the same figures as JSON
        JsonNode f = new ObjectMapper().readTree(json.toFile());
        assertEquals("imacs-bench/1", f.get("schema").asText());
        assertEquals(120, f.at("/setup/usableImages").asInt());
        assertEquals(2, f.at("/setup/segmentsPerImage").asInt());
        JsonNode predict = f.at("/stages/0"), attributeA = f.at("/stages/1");
        assertEquals("predict", predict.get("stage").asText());
        assertEquals(2.0, predict.get("classifierForwardPerImage").asDouble());
        assertEquals(2, predict.get("classifierForwardMinimum").asInt());
        assertEquals("attribute A (occlusion + shapley-exact)", attributeA.get("stage").asText());
        assertEquals(8, attributeA.get("images").asInt());
        assertEquals(20, attributeA.get("classifierForwardMinimum").asInt());
        assertEquals(forward, attributeA.get("classifierForwardPerImage").asDouble(), 0.05, "as the table shows it, to its one decimal");
        for (JsonNode st : f.get("stages")) {
            double share = st.get("modelTimeShare").asDouble();
            assertTrue(share > 0 && share <= 1, st.toString());
            assertEquals(st.get("images").asInt() / st.get("seconds").asDouble(), st.get("imagesPerSecond").asDouble(), 1e-9);
        }
        assertEquals(List.of("cold", "cached"), names(f.get("runs")), "no unbatched or PyTorch run was asked for");
        assertTrue(f.at("/runs/cold/classifierForward").asLong() > 0);
        assertEquals(0, f.at("/runs/cached/modelCalls").asLong());
        JsonNode cc = f.at("/comparisons/coldVsCached");
        assertTrue(cc.get("resultIdentical").asBoolean());
        assertEquals(0, cc.get("cachedModelPasses").asLong());
        assertEquals(f.at("/runs/cold/seconds").asDouble(), cc.get("coldSeconds").asDouble());
        assertEquals(cc.get("coldSeconds").asDouble() / cc.get("cachedSeconds").asDouble(), cc.get("speedup").asDouble(), 1e-9);
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "| cold / cached rerun (wall) | %.2f s / %.2f s,",
            cc.get("coldSeconds").asDouble(), cc.get("cachedSeconds").asDouble())), "the markdown shows the JSON's figures: " + r.out());
        assertTrue(f.at("/comparisons/batching").isNull());
        assertTrue(f.at("/comparisons/onnxTwins").isNull());
    }

    @Test void jsonToStandardOutputIsTheOnlyOutput() throws Exception {
        CliRun r = bench("--json", "-");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode f = new ObjectMapper().readTree(r.out()); // fails on any markdown around it
        assertEquals(8, f.at("/stages/1/images").asInt());
        assertFalse(r.out().contains("| stage |"));
    }

    @Test void aJsonFileInAMissingDirectoryIsRefusedBeforeMeasuring() {
        CliRun r = bench("--json", tmp.resolve("no/such/dir/bench.json").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--json") && r.err().contains("does not exist"), r.err());
        assertFalse(r.err().contains("bench: cold run"), "refused before any run: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
