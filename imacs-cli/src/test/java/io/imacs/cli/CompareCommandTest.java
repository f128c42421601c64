package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.model.Role;
import io.imacs.result.ImacsResult;
import io.imacs.result.ResultJson;
import io.imacs.result.SegmentEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end compare on the committed fixtures, as a user runs it. */
class CompareCommandTest {
    @TempDir Path tmp;

    static List<String> args(Path out, String modelA, String modelB, String... extra) {
        List<String> a = new ArrayList<>(List.of("compare", "--model-a", CliRun.fixture(modelA), "--model-b", CliRun.fixture(modelB),
            "--embedder", CliRun.fixture("models/embedder.onnx"), "--data", CliRun.fixture("data/labels.csv"), "--class", "circle",
            "--out", out.toString(), "--images-per-model", "12", "--segments-per-image", "3", "--clusters", "3", "--gig-steps", "6"));
        a.addAll(List.of(extra));
        return a;
    }

    @Test void writesConsistentOutputs() throws Exception {
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of(args(out, "models/classifier_a.onnx", "models/classifier_b.pt").toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("IMACS comparison for class 'circle'"), r.out());
        // the predict stage's throughput: every usable fixture image, at a rate that is a positive number
        java.util.regex.Matcher predict = java.util.regex.Pattern.compile("predict: 120 images in ([\\d.]+) s, ([\\d.]+) images/s").matcher(r.out());
        assertTrue(predict.find() && Double.parseDouble(predict.group(2)) > 0, r.out());
        for (String f : List.of("result.json", "segments.csv", "report.html")) assertTrue(Files.isRegularFile(out.resolve(f)), f);
        ImacsResult result = ResultJson.read(out.resolve("result.json"));
        assertEquals(2 * 12 * 3, result.segments().size());
        assertEquals(64, result.manifest().models().get("A").sha256().length());
        assertEquals("onnx", result.manifest().models().get("A").format());
        assertEquals("torchscript", result.manifest().models().get("B").format());
        // auto: the ONNX model has no gradients, so both models are ranked by occlusion (one method for both)
        assertTrue(result.manifest().parameters().get("rankA").toString().startsWith("occlusion"), "ONNX has no gradients");
        assertEquals(result.manifest().parameters().get("rankA"), result.manifest().parameters().get("rankB"));
        assertTrue(r.out().contains("ranking  occlusion"), r.out());
        assertTrue(result.manifest().warnings().stream().noneMatch(w -> w.contains("different methods")), result.manifest().warnings().toString());
        List<String> rows = Files.readAllLines(out.resolve("segments.csv"));
        assertEquals("model,image,label,predicted,outcome,segment,rank,x,y,w,h,attribution,standard_error,cluster,distance,tile", rows.get(0));
        assertEquals(result.segments().size() + 1, rows.size());
        for (int i = 0; i < result.segments().size(); i++) {
            SegmentEntry s = result.segments().get(i);
            String[] c = rows.get(i + 1).split(",");
            assertEquals(s.model().name(), c[0]);
            assertEquals(s.image(), c[1]);
            assertEquals(s.outcome().name(), c[4]);
            assertEquals(s.segment(), Integer.parseInt(c[5]));
            assertEquals(s.box().x(), Integer.parseInt(c[7]));
            assertEquals(s.attribution(), Double.parseDouble(c[11]));
            assertEquals(s.cluster(), Integer.parseInt(c[13]));
        }
        assertTrue(result.manifest().warnings().stream().noneMatch(w -> w.contains("efficiency")), result.manifest().warnings().toString());
        // the findings: one per cluster whose difference holds, the same in result.json and the summary
        assertEquals(io.imacs.summarize.FindingWriter.findings(result.clusters(), result.segments()), result.findings());
        assertEquals(result.clusters().stream().filter(c -> c.difference() != null && c.difference().holds()).count(), result.findings().size());
        assertTrue(r.out().contains("Findings:"), r.out());
        if (result.findings().isEmpty()) assertTrue(r.out().contains(OptionFlags.render(io.imacs.summarize.FindingWriter.NONE)), r.out());
        for (var f : result.findings()) assertTrue(r.out().contains(f.text()), f.text());
    }

    @Test void sameInputsAndSeedGiveIdenticalResultJson() throws Exception {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        assertEquals(0, CliRun.of(args(a, "models/classifier_a.onnx", "models/classifier_b.onnx", "--no-report").toArray(String[]::new)).exitCode());
        assertEquals(0, CliRun.of(args(b, "models/classifier_a.onnx", "models/classifier_b.onnx", "--no-report").toArray(String[]::new)).exitCode());
        assertArrayEquals(Files.readAllBytes(a.resolve("result.json")), Files.readAllBytes(b.resolve("result.json")));
    }

    @Test void filterRestrictsTheEvaluationSetAndKeepsAnnotations() throws Exception {
        Path out = tmp.resolve("f");
        CliRun r = CliRun.of(args(out, "models/classifier_a.onnx", "models/classifier_b.onnx", "--no-report", "--filter", "marker=yes").toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        ImacsResult result = ResultJson.read(out.resolve("result.json"));
        assertEquals(List.of("marker=yes"), result.manifest().dataset().filters());
        assertFalse(result.images().isEmpty());
        result.images().forEach(i -> assertEquals("yes", i.annotations().get("marker")));
    }

    /**
     * One model on two datasets (the paper's section 8 future work): A is studied on --data, B (= A) on --data-b.
     * The second CSV names the fixtures' images outside its directory, which --allow-outside-data allows.
     */
    @Test void oneModelOnTwoDatasets() throws Exception {
        List<String> rows = Files.readAllLines(Path.of(CliRun.fixture("data/labels.csv")));
        List<String> marked = new ArrayList<>(List.of(rows.get(0)));
        for (String r : rows.subList(1, rows.size()))
            if (r.endsWith(",yes")) marked.add(Path.of(CliRun.fixture("data")).resolve(r.substring(0, r.indexOf(','))) + r.substring(r.indexOf(',')));
        Path dataB = Files.write(tmp.resolve("marked.csv"), marked);
        Path out = tmp.resolve("shift");
        CliRun r = CliRun.of("compare", "--model-a", CliRun.fixture("models/classifier_b.onnx"), "--data", CliRun.fixture("data/labels.csv"),
            "--data-b", dataB.toString(), "--embedder", CliRun.fixture("models/embedder.onnx"), "--class", "circle", "--out", out.toString(),
            "--images-per-model", "12", "--segments-per-image", "3", "--clusters", "3", "--no-report", "--allow-outside-data");
        assertEquals(0, r.exitCode(), r.err());
        ImacsResult result = ResultJson.read(out.resolve("result.json"));
        assertEquals(result.manifest().models().get("A").sha256(), result.manifest().models().get("B").sha256(), "B defaults to A");
        assertTrue(result.manifest().dataset().location().contains("B: " + dataB), result.manifest().dataset().location());
        for (SegmentEntry s : result.segments()) assertTrue(s.image().startsWith(s.model() + "/"), s.model() + " " + s.image());
        var images = new java.util.HashMap<String, io.imacs.result.ImageEntry>();
        result.images().forEach(i -> images.put(i.id(), i));
        result.segments().stream().filter(s -> s.model() == Role.B)
            .forEach(s -> assertEquals("yes", images.get(s.image()).annotations().get("marker"), s.image()));
        // the same model on the marked images sees the marker: the two datasets give it different accuracy
        assertNotEquals(result.manifest().accuracy().get(Role.A).overall(), result.manifest().accuracy().get(Role.B).overall());
    }

    @Test void modelBIsRequiredWithoutDataB() {
        CliRun r = CliRun.of("compare", "--model-a", CliRun.fixture("models/classifier_a.onnx"), "--data", CliRun.fixture("data/labels.csv"),
            "--embedder", CliRun.fixture("models/embedder.onnx"), "--class", "circle", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--model-b is missing"), r.err());
    }

    @Test void figuresExportEachViewAsPng() throws Exception {
        io.imacs.testing.Requirement.BROWSER.check(Files.isExecutable(Path.of("/usr/bin/chromium")));
        Path out = tmp.resolve("fig");
        CliRun r = CliRun.of(args(out, "models/classifier_a.onnx", "models/classifier_b.onnx", "--figures").toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        for (String view : io.imacs.report.FigureExporter.VIEWS) {
            Path png = out.resolve("figures/" + view + ".png");
            assertTrue(Files.size(png) > 1000, png.toString());
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
            assertTrue(img.getWidth() >= 1000 && img.getHeight() > 100, view + " " + img.getWidth() + "x" + img.getHeight());
        }
    }

    @Test void slicSegmentationRunsEndToEnd() throws Exception {
        Path out = tmp.resolve("slic");
        CliRun r = CliRun.of(args(out, "models/classifier_a.pt", "models/classifier_b.pt", "--segmentation", "slic", "--slic-segments", "12",
            "--no-report").toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        ImacsResult result = ResultJson.read(out.resolve("result.json"));
        assertEquals("slic n=12", String.valueOf(result.manifest().parameters().get("segmentation")).substring(0, 9));
        assertFalse(result.segments().isEmpty());
        // superpixels are not grid cells: their boxes vary in size
        assertTrue(result.segments().stream().map(s -> s.workingBox().w() * 100 + s.workingBox().h()).distinct().count() > 3);
        for (SegmentEntry s : result.segments()) assertTrue(Files.isRegularFile(out.resolve(s.tile())));
    }

    @Test void disagreementSamplingFromTheCommandLine() throws Exception {
        Path out = tmp.resolve("dis");
        CliRun r = CliRun.of(args(out, "models/classifier_a.onnx", "models/classifier_b.onnx", "--no-report", "--sampling", "disagreement",
            "--disagreement", "0.6").toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        ImacsResult result = ResultJson.read(out.resolve("result.json"));
        assertEquals("disagreement >= 0.6", result.manifest().parameters().get("sampling"));
        for (var i : result.images())
            assertTrue(Math.abs(i.predictions().get(Role.A).targetProbability() - i.predictions().get(Role.B).targetProbability()) >= 0.6 - 1e-6, i.id());
        assertEquals(2, CliRun.of(args(tmp.resolve("bad"), "models/classifier_a.onnx", "models/classifier_b.onnx", "--sampling", "random")
            .toArray(String[]::new)).exitCode());
    }

    @Test void embeddingNormFromTheCommandLine() throws Exception {
        Path out = tmp.resolve("l2");
        CliRun r = CliRun.of(args(out, "models/classifier_a.onnx", "models/classifier_b.onnx", "--no-report", "--embedding-norm", "l2")
            .toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        ImacsResult result = ResultJson.read(out.resolve("result.json"));
        assertEquals("l2", result.manifest().parameters().get("embeddingNorm"));
        for (SegmentEntry s : result.segments())
            assertEquals(1, Math.sqrt(s.embedding().stream().mapToDouble(v -> v * v).sum()), 1e-5, "segment " + s.id());
        CliRun bad = CliRun.of(args(tmp.resolve("bad"), "models/classifier_a.onnx", "models/classifier_b.onnx", "--embedding-norm", "cosine")
            .toArray(String[]::new));
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("'--embedding-norm': cosine: expected none, l2"), bad.err());
    }
}
