package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.fixtures.NpyReader;
import io.imacs.image.ImageFiles;
import io.imacs.image.PixelImage;
import io.imacs.model.ImageClassifier;
import io.imacs.onnx.OnnxModels;
import io.imacs.result.ResultJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imacs attribute} end to end on the fixtures, as a user runs it, and its error cases. */
class AttributeCommandTest {
    @TempDir Path tmp;

    private static final String IMAGE = CliRun.fixture("data/circle/circle_000.png");
    private static final String PT = CliRun.fixture("models/classifier_a.pt"), ONNX = CliRun.fixture("models/classifier_a.onnx");

    private CliRun attribute(String model, String method, String prefix, String... extra) {
        List<String> a = new ArrayList<>(List.of("attribute", "--model", model, "--image", IMAGE, "--class", "circle",
            "--method", method, "--out", tmp.resolve(prefix).toString()));
        a.addAll(List.of(extra));
        return CliRun.of(a.toArray(String[]::new));
    }

    private AttributionSummary summary(String prefix) throws Exception {
        return ResultJson.MAPPER.readValue(tmp.resolve(prefix + ".json").toFile(), AttributionSummary.class);
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float v : a) s += v;
        return s;
    }

    /**
     * Issue 9's case: a scripted model with BatchNorm and Dropout. IG from the command line equals IG
     * computed by PyTorch in eval mode (fixtures/make_conformance.py), and f(x) is the eval-mode value.
     */
    @Test void integratedGradientsOfAScriptedBatchNormDropoutModelMatchPyTorch() throws Exception {
        String dir = "conformance/dropout/";
        CliRun r = CliRun.of("attribute", "--model", CliRun.fixture(dir + "scripted.pt"), "--image", CliRun.fixture(dir + "image0.png"),
            "--class", "a", "--method", "ig", "--steps", "32", "--ig-rule", "riemann-right", "--baseline", "black",
            "--output", "probability", "--out", tmp.resolve("bn").toString());
        assertEquals(0, r.exitCode(), r.err());
        float[] got = NpyReader.read(tmp.resolve("bn.npy")).values();
        NpyReader ig = NpyReader.read(Path.of(CliRun.fixture(dir + "ig.npy")));
        float[] want = java.util.Arrays.copyOf(ig.values(), got.length); // image 0 of the reference batch
        double rel = io.imacs.fixtures.Errors.relativeL2(got, want);
        assertTrue(rel <= 1e-4, "relative L2 " + rel);
        float[] logits = java.util.Arrays.copyOf(NpyReader.read(Path.of(CliRun.fixture(dir + "logits.npy"))).values(), 5);
        assertEquals(io.imacs.model.Softmax.of(logits)[0], summary("bn").fx(), 1e-6, "f(x) is the eval-mode probability");
        // two runs give the same sum: no state carried between gradient passes
        CliRun again = CliRun.of("attribute", "--model", CliRun.fixture(dir + "scripted.pt"), "--image", CliRun.fixture(dir + "image0.png"),
            "--class", "a", "--method", "ig", "--steps", "32", "--ig-rule", "riemann-right", "--out", tmp.resolve("bn2").toString());
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(summary("bn").sum(), summary("bn2").sum());
    }

    @Test void integratedGradientsWritesCompleteAttribution() throws Exception {
        CliRun r = attribute(PT, "ig", "ig", "--steps", "128", "--ig-rule", "trapezoid");
        assertEquals(0, r.exitCode(), r.err());
        AttributionSummary s = summary("ig");
        NpyReader npy = NpyReader.read(tmp.resolve("ig.npy"));
        assertArrayEquals(new int[] {3, 32, 32}, npy.shape());
        assertEquals(List.of(3, 32, 32), s.shape());
        assertEquals(s.sum(), sum(npy.values()), 1e-4, "JSON sum is the sum of the written array");
        assertEquals(s.fx() - s.fBaseline(), s.difference(), 1e-12);
        assertTrue(s.relativeGap() < 0.01, "completeness gap " + s.relativeGap());
        assertTrue(s.fx() > s.fBaseline(), "the circle is more a circle than a black image");
        // what is printed lets the user check completeness
        assertTrue(r.out().contains(String.format("%.6f", s.fx())), r.out());
        assertTrue(r.out().contains(String.format("%.6f", s.fBaseline())), r.out());
        assertTrue(r.out().contains(String.format("%.6f", s.sum())), r.out());
        assertTrue(r.out().contains("gap to f(x) - f(baseline)"), r.out());
        // the JSON names the model by its SHA-256 and records the parameters
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Path.of(PT))));
        assertEquals(sha, s.model().sha256());
        assertEquals("trapezoid", s.parameters().get("igRule"));
        assertEquals(128, s.parameters().get("steps"));
        assertEquals("black", s.baseline());
        // the heat map is the image scaled up to at least 256 pixels
        PixelImage png = ImageFiles.read(tmp.resolve("ig.png"));
        assertEquals(256, png.width());
        assertEquals(256, png.height());
    }

    @Test void sameInputsGiveIdenticalFiles() throws Exception {
        assertEquals(0, attribute(PT, "smoothgrad", "a", "--steps", "8", "--seed", "3").exitCode());
        assertEquals(0, attribute(PT, "smoothgrad", "b", "--steps", "8", "--seed", "3").exitCode());
        assertEquals(0, attribute(PT, "smoothgrad", "c", "--steps", "8", "--seed", "4").exitCode());
        byte[] a = Files.readAllBytes(tmp.resolve("a.npy"));
        assertArrayEquals(a, Files.readAllBytes(tmp.resolve("b.npy")));
        assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(tmp.resolve("c.npy"))), "the seed drives SmoothGrad's noise");
        assertNull(summary("a").fBaseline(), "SmoothGrad has no baseline");
    }

    @Test void xraiOverGuidedIgOnAGridGivesOneValuePerCell() throws Exception {
        CliRun r = attribute(PT, "xrai-gig", "x", "--steps", "32", "--segmentation", "grid", "--grid", "4");
        assertEquals(0, r.exitCode(), r.err());
        NpyReader npy = NpyReader.read(tmp.resolve("x.npy"));
        assertArrayEquals(new int[] {32, 32}, npy.shape());
        float[] map = npy.values();
        java.util.Set<Float> distinct = new java.util.HashSet<>();
        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 32; x++) {
                assertEquals(map[(y / 8 * 8) * 32 + x / 8 * 8], map[y * 32 + x], "constant over each 8x8 cell");
                distinct.add(map[y * 32 + x]);
            }
        AttributionSummary s = summary("x");
        assertEquals(16, ((Number) s.details().get("regionsRanked")).intValue());
        assertTrue(distinct.size() > 1);
        // the sum reported is Guided IG's, which is close to complete (it is a path method)
        assertTrue(s.relativeGap() < 0.15, "gap " + s.relativeGap());
        assertTrue(s.description().startsWith("xrai") && s.description().contains("guided-ig"), s.description());
    }

    @Test void xraiWithItsOwnRegions() throws Exception {
        CliRun r = attribute(PT, "xrai-gig", "own", "--steps", "16");
        assertEquals(0, r.exitCode(), r.err());
        AttributionSummary s = summary("own");
        assertEquals("xrai felzenszwalb", s.parameters().get("segmentation"));
        assertTrue(((Number) s.details().get("regionsGiven")).intValue() >= ((Number) s.details().get("regionsRanked")).intValue());
        // each pixel carries the gain of the region that added it, so the map takes the ranked gains' values
        List<?> gains = (List<?>) s.details().get("regionGains");
        for (float v : NpyReader.read(tmp.resolve("own.npy")).values())
            assertTrue(gains.stream().anyMatch(g -> Math.abs(((Number) g).doubleValue() - v) < 1e-6), "pixel value " + v + " is a region gain");
    }

    @Test void occlusionOnOnnxMatchesAnIndependentForwardPass() throws Exception {
        CliRun r = attribute(ONNX, "occlusion", "occ", "--grid", "4");
        assertEquals(0, r.exitCode(), r.err());
        float[] map = NpyReader.read(tmp.resolve("occ.npy")).values();
        assertEquals(32 * 32, map.length);
        // cell (1, 2): rows 8..15, columns 16..23 made black
        PixelImage x = ImageFiles.read(Path.of(IMAGE));
        float[] occluded = x.copy();
        for (int c = 0; c < 3; c++) for (int y = 8; y < 16; y++) for (int xx = 16; xx < 24; xx++) occluded[c * 1024 + y * 32 + xx] = 0;
        try (ImageClassifier m = OnnxModels.classifier(Path.of(ONNX))) {
            float[][] p = m.probabilities(List.of(x, new PixelImage(32, 32, occluded)));
            assertEquals(p[0][0] - p[1][0], map[10 * 32 + 20], 1e-5);
        }
        AttributionSummary s = summary("occ");
        assertNull(s.relativeGap(), "occlusion makes no completeness claim");
        assertEquals("onnx", s.model().format());
        List<?> drops = (List<?>) s.details().get("segmentDrops");
        assertEquals(16, drops.size());
        assertEquals(((Number) drops.get(6)).floatValue(), map[10 * 32 + 20], 1e-7f);
    }

    @Test void gradientMethodOnOnnxSuggestsOcclusionOrTorchScript() {
        for (String method : List.of("ig", "xrai-gig", "blurig")) {
            CliRun r = attribute(ONNX, method, "e");
            assertUserError(r, "--method " + method, "classifier_a.onnx", "occlusion", "TorchScript");
        }
    }

    @Test void unknownClassListsTheClasses() {
        CliRun r = CliRun.of("attribute", "--model", ONNX, "--image", IMAGE, "--class", "tulip", "--method", "occlusion", "--out", tmp.resolve("e").toString());
        assertUserError(r, "--class tulip", "circle, square, stripes");
    }

    @Test void badOptionValuesNameTheOption() {
        assertUserError(attribute(PT, "lime", "e"), "--method lime", "xrai-gig", "occlusion");
        assertUserError(attribute(PT, "ig", "e", "--ig-rule", "simpson"), "--ig-rule", "simpson");
        assertUserError(attribute(PT, "ig", "e", "--steps", "0"), "--steps");
        assertUserError(attribute(PT, "blurig", "e", "--baseline", "white"), "--baseline white", "blur");
        assertUserError(attribute(PT, "occlusion", "e", "--segmentation", "felzenszwalb"), "--segmentation felzenszwalb");
        assertUserError(attribute(PT, "ig", "e", "--output", "softmaxx"), "'--output': softmaxx: expected probability, logit");
        assertFalse(Files.exists(tmp.resolve("e.npy")), "nothing written on a bad option");
    }

    @Test void missingImageNamesTheFile() {
        CliRun r = CliRun.of("attribute", "--model", PT, "--image", tmp.resolve("nope.png").toString(), "--class", "circle",
            "--method", "ig", "--out", tmp.resolve("e").toString());
        assertUserError(r, "nope.png");
    }

    private static void assertUserError(CliRun r, String... mentions) {
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("imacs: error: "), r.err());
        for (String m : mentions) assertTrue(r.err().contains(m), "'" + m + "' not in: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }
}
