package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** imacs bench on the ONNX fixtures with tiny sizes: it measures real runs and reports what it measured. */
class BenchCommandTest {
    @Test void reportsPassesAgainstTheMinimumAndACachedRerunWithoutPasses() {
        CliRun r = CliRun.of("bench", "--fixtures", CliRun.FIXTURES.toString(), "--model-a", CliRun.fixture("models/classifier_a.onnx"),
            "--model-b", CliRun.fixture("models/classifier_b.onnx"), "--images-per-model", "8", "--segments-per-image", "2",
            "--clusters", "2", "--skip-unbatched");
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
    }
}
