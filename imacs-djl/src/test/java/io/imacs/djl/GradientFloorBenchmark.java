package io.imacs.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imacs.fixtures.FixtureSet;
import io.imacs.image.PixelImage;
import io.imacs.model.Gradients;
import io.imacs.model.ModelSpec;
import io.imacs.model.Preprocessor;
import io.imacs.model.Output;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Not a test: IMACS's gradient path ({@link DjlClassifier#gradients}) against the same work in plain torch
 * ({@code bench/gradient_floor.py}, run as a subprocess), rounds alternating, for docs/benchmarks.md. Skipped
 * unless -Dbench=true. Same model file, same images (a fixed pattern both sides build), same batch, same number
 * of passes, same intra-op thread count and oneDNN cap; each side times its passes in-process, so neither
 * JVM nor Python start-up nor model loading is counted.
 *
 * <p>Models: the fixture CNN (32x32), and the ResNet-18-shaped models of {@code bench/make_resnet.py} at 112 and
 * 224 when they exist under {@code -Dfloor.models} (default /tmp/imacs-bench). {@code -Dfloor.rounds} (3)
 * alternating rounds; {@code -Dfloor.uncapped=true} adds a Python run without the oneDNN cap.
 */
class GradientFloorBenchmark {
    static final Path SCRIPT = Path.of("..", "bench", "gradient_floor.py");

    record Case(String name, Path file, int batch, int passes) {}

    @Test void imacsAgainstPlainTorch() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("bench"), "benchmark: run with -Dbench=true");
        int rounds = Integer.getInteger("floor.rounds", 3);
        boolean uncapped = Boolean.getBoolean("floor.uncapped");
        List<Case> cases = cases();
        String isa = System.getenv("ONEDNN_MAX_CPU_ISA");
        Engine.getEngine("PyTorch");   // loads libtorch, whose thread counts the script copies
        System.out.printf("FLOOR libtorch (DJL) threads %d interop %d, ONEDNN_MAX_CPU_ISA=%s, load average %s%n",
            JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(), isa, loadAverage());
        for (Case c : cases) {
            try (DjlClassifier m = TorchScriptModels.classifier(c.file())) {
                List<PixelImage> batch = pattern(c.batch(), m.info().inputWidth(), m.info().inputHeight());
                int k = m.info().classNames().size();
                int[] classes = new int[c.batch()];
                for (int i = 0; i < classes.length; i++) classes[i] = i % k;
                double checksum = 0;
                for (int i = 0; i < 3; i++) checksum = absSum(m.gradients(batch, classes, Output.PROBABILITY));
                List<Double> imacs = new ArrayList<>(), python = new ArrayList<>(), free = new ArrayList<>();
                JsonNode py = null;
                for (int r = 0; r < rounds; r++) {
                    py = python(c, isa);
                    python.add(median(py.get("seconds")));
                    double[] t = new double[c.passes()];
                    for (int p = 0; p < c.passes(); p++) {
                        long t0 = System.nanoTime();
                        m.gradients(batch, classes, Output.PROBABILITY);
                        t[p] = (System.nanoTime() - t0) / 1e9;
                    }
                    imacs.add(median(t));
                    if (uncapped) free.add(median(python(c, null).get("seconds")));
                }
                double pyBest = best(python), imacsBest = best(imacs);
                System.out.printf("FLOOR %s batch %d, %d passes x %d rounds: imacs %.1f ms/pass (rounds %s), python %.1f ms/pass (rounds %s), "
                        + "python/imacs %.2fx (median of rounds %.2fx)%s; |grad| sums imacs %.6g python %.6g; torch %s; load %s%n",
                    c.name(), c.batch(), c.passes(), rounds, imacsBest * 1e3, ms(imacs), pyBest * 1e3, ms(python), pyBest / imacsBest,
                    median(python) / median(imacs),
                    free.isEmpty() ? "" : String.format(", python without the oneDNN cap %.1f ms/pass (rounds %s)", best(free) * 1e3, ms(free)),
                    checksum, py.get("checksum").asDouble(), py.get("torch").asText(), loadAverage());
            }
        }
    }

    /**
     * The Java side of a gradient pass, without libtorch: pixels to the model's input array (normalisation,
     * layout) and the input gradient back to pixel space, per pass of each case's batch. This bounds what any
     * work on IMACS's own code could save: the rest of a pass is libtorch's forward and backward.
     */
    @Test void javaSideOfAPass() {
        Assumptions.assumeTrue(Boolean.getBoolean("bench"), "benchmark: run with -Dbench=true");
        for (Case c : cases()) {
            ModelSpec spec = ModelSpec.load(c.file());
            Preprocessor pre = new Preprocessor(spec);
            List<PixelImage> batch = pattern(c.batch(), spec.width(), spec.height());
            double best = Double.MAX_VALUE;
            for (int r = 0; r < 20; r++) {
                long t0 = System.nanoTime();
                float[] input = pre.toInput(batch);
                for (int i = 0; i < batch.size(); i++) pre.toPixelGradient(input, i, batch.get(i));
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
            }
            System.out.printf("JAVA %s batch %d: %.2f ms per pass (input array + pixel gradients, best of 20); load %s%n",
                c.name(), c.batch(), best, loadAverage());
        }
    }

    /**
     * Gradient throughput by batch size, the question an automatic batch size would answer per model: ms per image
     * at each batch, rounds alternating over the batch sizes, the best round of each.
     */
    @Test void throughputByBatch() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("bench"), "benchmark: run with -Dbench=true");
        int rounds = Integer.getInteger("floor.rounds", 3);
        for (Case c : cases()) {
            int[] sizes = c.batch() >= 16 ? new int[] {4, 8, 16, 32, 64} : new int[] {4, 8, 16};
            try (DjlClassifier m = TorchScriptModels.classifier(c.file())) {
                int k = m.info().classNames().size();
                double[][] perImage = new double[sizes.length][rounds];
                for (int r = 0; r < rounds; r++)
                    for (int s = 0; s < sizes.length; s++) {
                        List<PixelImage> batch = pattern(sizes[s], m.info().inputWidth(), m.info().inputHeight());
                        int[] classes = new int[sizes[s]];
                        for (int i = 0; i < classes.length; i++) classes[i] = i % k;
                        if (r == 0) m.gradients(batch, classes, Output.PROBABILITY);   // warm-up at this shape
                        int images = 0;
                        long t0 = System.nanoTime();
                        while (images < 64) { m.gradients(batch, classes, Output.PROBABILITY); images += sizes[s]; }
                        perImage[s][r] = (System.nanoTime() - t0) / 1e6 / images;
                    }
                StringBuilder line = new StringBuilder();
                for (int s = 0; s < sizes.length; s++)
                    line.append(String.format(" batch %d: %.2f ms/image %s;", sizes[s], Arrays.stream(perImage[s]).min().orElseThrow(),
                        Arrays.stream(perImage[s]).mapToObj(v -> String.format("%.2f", v)).toList()));
                System.out.printf("BATCH %s (64 images a round, %d rounds):%s load %s%n", c.name(), rounds, line, loadAverage());
            }
        }
    }

    /** The fixture CNN, and the ResNet-18-shaped models where bench/make_resnet.py wrote them. */
    static List<Case> cases() {
        Path dir = Path.of(System.getProperty("floor.models", "/tmp/imacs-bench"));
        List<Case> cases = new ArrayList<>(List.of(new Case("fixture CNN 32x32", FixtureSet.model("classifier_a.pt"), 32, 16)));
        if (Files.exists(dir.resolve("resnet18_a.pt"))) cases.add(new Case("ResNet-18 112x112", dir.resolve("resnet18_a.pt"), 16, 3));
        if (Files.exists(dir.resolve("resnet18_a_224.pt"))) cases.add(new Case("ResNet-18 224x224", dir.resolve("resnet18_a_224.pt"), 8, 2));
        return cases;
    }

    /** Image i, channel c, row y, column x: ((37 i + 101 c + 13 y + 7 x) mod 251) / 250, as gradient_floor.py builds it. */
    static List<PixelImage> pattern(int n, int w, int h) {
        List<PixelImage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] chw = new float[3 * h * w];
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++) chw[(c * h + y) * w + x] = (float) ((37 * i + 101 * c + 13 * y + 7 * x) % 251) / 250f;
            out.add(new PixelImage(w, h, chw));
        }
        return out;
    }

    /** One run of bench/gradient_floor.py; {@code isa} null runs it without the oneDNN cap. */
    static JsonNode python(Case c, String isa) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", SCRIPT.toString(), c.file().toString(), "--batch", "" + c.batch(),
            "--passes", "" + c.passes(), "--warmup", "2", "--threads", "" + JniUtils.getNumThreads(), "--interop-threads", "" + JniUtils.getNumInteropThreads());
        Map<String, String> env = pb.environment();
        if (isa == null) env.remove("ONEDNN_MAX_CPU_ISA"); else env.put("ONEDNN_MAX_CPU_ISA", isa);
        Process p = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) throw new IllegalStateException("gradient_floor.py failed: " + out);
        return new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    static double absSum(Gradients g) {
        double s = 0;
        for (float[] row : g.gradients()) for (float v : row) s += Math.abs(v);
        return s;
    }

    static double median(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asDouble();
        return median(v);
    }

    static double median(List<Double> v) { return median(v.stream().mapToDouble(Double::doubleValue).toArray()); }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double best(List<Double> v) { return v.stream().mapToDouble(Double::doubleValue).min().orElseThrow(); }

    static String ms(List<Double> v) { return v.stream().map(x -> String.format("%.1f", x * 1e3)).toList().toString(); }

    static String loadAverage() {
        try { return Files.readString(Path.of("/proc/loadavg")).split(" ")[0]; }
        catch (IOException e) { return "?"; }
    }
}
