package io.imacs.djl;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.attribution.AttributionTask;
import io.imacs.attribution.GradientFunction;
import io.imacs.attribution.IntegratedGradients;
import static io.imacs.fixtures.Errors.relativeL2;
import static io.imacs.fixtures.Errors.relativeMaxError;

import io.imacs.fixtures.FixtureSet;
import io.imacs.fixtures.NpyReader;
import io.imacs.image.PixelImage;
import io.imacs.model.Differentiable;
import io.imacs.model.Gradients;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ImageEmbedder;
import io.imacs.model.Output;
import io.imacs.onnx.OnnxModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The adapters on real architectures (ResNet-, MobileNetV2- and ViT-style, and a CNN with Dropout), each
 * exported as torch.jit.trace, torch.jit.script and ONNX opsets 13 and 17, against PyTorch eval-mode
 * references committed beside them (fixtures/make_conformance.py). BatchNorm statistics are chosen so
 * that a training-mode forward changes the logits by several units: a mode leak cannot pass.
 */
class ConformanceTest {
    static final Path ROOT = FixtureSet.ROOT.resolve("conformance");
    static final List<String> ARCHITECTURES = List.of("resnet", "mobilenetv2", "vit", "dropout");
    static final List<String> EXPORTS = List.of("traced.pt", "scripted.pt", "opset13.onnx", "opset17.onnx");
    static final List<String> TORCHSCRIPT = EXPORTS.subList(0, 2);

    /** The eval-mode references of one architecture. */
    record Reference(List<PixelImage> images, int[] targets, float[][] logits, float[][] grads, float[][] ig) {
        static Reference of(String arch) {
            Path dir = ROOT.resolve(arch);
            NpyReader x = npy(dir, "inputs.npy");
            int n = x.shape()[0], h = x.shape()[2], w = x.shape()[3];
            List<PixelImage> images = new ArrayList<>();
            for (float[] chw : rows(x.values(), n)) images.add(new PixelImage(w, h, chw));
            float[] t = npy(dir, "targets.npy").values();
            int[] targets = new int[t.length];
            for (int i = 0; i < t.length; i++) targets[i] = Math.round(t[i]);
            return new Reference(images, targets, rows(npy(dir, "logits.npy").values(), n),
                rows(npy(dir, "grads.npy").values(), n), rows(npy(dir, "ig.npy").values(), n));
        }
    }

    static Stream<Arguments> every(List<String> exports) {
        return ARCHITECTURES.stream().flatMap(a -> exports.stream()
            .filter(e -> Files.exists(ROOT.resolve(a).resolve(e))).map(e -> Arguments.of(a, e)));
    }

    static Stream<Arguments> allExports() { return every(EXPORTS); }

    static Stream<Arguments> torchScriptExports() { return every(TORCHSCRIPT); }

    static ImageClassifier open(String arch, String export) {
        Path file = ROOT.resolve(arch).resolve(export);
        return export.endsWith(".pt") ? TorchScriptModels.classifier(file) : OnnxModels.classifier(file);
    }

    /** All four exports of every architecture exist: a failed export would silently shrink the suite. */
    @org.junit.jupiter.api.Test void everyArchitectureHasEveryExport() {
        assertEquals(ARCHITECTURES.size() * EXPORTS.size(), allExports().count());
    }

    @ParameterizedTest(name = "{0} {1}") @MethodSource("allExports")
    void logitsEqualPyTorchEvalMode(String arch, String export) {
        Reference ref = Reference.of(arch);
        try (ImageClassifier model = open(arch, export)) {
            float[][] got = model.logits(ref.images());
            for (int i = 0; i < got.length; i++)
                assertTrue(relativeMaxError(got[i], ref.logits()[i]) <= 1e-5,
                    arch + "/" + export + " image " + i + ": " + Arrays.toString(got[i]) + " vs " + Arrays.toString(ref.logits()[i]));
        }
    }

    @ParameterizedTest(name = "{0} {1}") @MethodSource("torchScriptExports")
    void inputGradientsEqualAutogradInEvalMode(String arch, String export) {
        Reference ref = Reference.of(arch);
        try (ImageClassifier model = open(arch, export)) {
            Gradients g = model.gradients().orElseThrow().gradients(ref.images(), ref.targets(), Output.PROBABILITY);
            float[][] p = model.probabilities(ref.images());
            for (int i = 0; i < g.size(); i++) {
                assertEquals(p[i][ref.targets()[i]], g.values()[i], 1e-6f, "the gradient forward computes the eval-mode probability");
                assertTrue(relativeL2(g.gradients()[i], ref.grads()[i]) <= 1e-4,
                    arch + "/" + export + " image " + i + ": relative L2 " + relativeL2(g.gradients()[i], ref.grads()[i]));
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}") @MethodSource("torchScriptExports")
    void integratedGradientsEqualThePythonReference(String arch, String export) {
        Reference ref = Reference.of(arch);
        try (ImageClassifier model = open(arch, export)) {
            PixelImage first = ref.images().get(0);
            GradientFunction f = GradientFunction.of(model.gradients().orElseThrow(), first.width(), first.height(), Output.PROBABILITY);
            List<AttributionTask> tasks = new ArrayList<>();
            for (int i = 0; i < ref.images().size(); i++)
                tasks.add(AttributionTask.zeroBaseline(ref.images().get(i).chw(), ref.targets()[i]));
            List<float[]> ig = new IntegratedGradients(32, IntegratedGradients.Rule.RIEMANN_RIGHT, 16).attribute(tasks, f);
            for (int i = 0; i < ig.size(); i++)
                assertTrue(relativeL2(ig.get(i), ref.ig()[i]) <= 1e-4,
                    arch + "/" + export + " image " + i + ": relative L2 " + relativeL2(ig.get(i), ref.ig()[i]));
        }
    }

    /** Forward, 100 gradient passes, forward: bit for bit the same (no BatchNorm update, no Dropout). */
    @ParameterizedTest(name = "{0} {1}") @MethodSource("torchScriptExports")
    void gradientPassesLeaveTheModelUnchanged(String arch, String export) {
        Reference ref = Reference.of(arch);
        try (ImageClassifier model = open(arch, export)) {
            float[][] before = model.logits(ref.images());
            Differentiable d = model.gradients().orElseThrow();
            for (int k = 0; k < 100; k++) d.gradients(ref.images(), ref.targets(), k % 2 == 0 ? Output.PROBABILITY : Output.LOGIT);
            float[][] after = model.logits(ref.images());
            for (int i = 0; i < before.length; i++) assertArrayEquals(before[i], after[i], arch + "/" + export + " image " + i);
        }
    }

    /** The same files as embedders (first output): eval mode too, so no Dropout and running BatchNorm statistics. */
    @ParameterizedTest(name = "{0} {1}") @MethodSource("torchScriptExports")
    void embeddersRunInEvalMode(String arch, String export) {
        Reference ref = Reference.of(arch);
        Path file = ROOT.resolve(arch).resolve(export);
        try (ImageEmbedder e = TorchScriptModels.embedder(file)) {
            float[][] first = e.embed(ref.images()), second = e.embed(ref.images());
            for (int i = 0; i < first.length; i++) {
                assertTrue(relativeMaxError(first[i], ref.logits()[i]) <= 1e-5, arch + "/" + export + " image " + i);
                assertArrayEquals(first[i], second[i]);
            }
        }
    }

    /** The ONNX twins of the scripted model predict the same classes with the same logits. */
    @ParameterizedTest(name = "{0}") @MethodSource("architectures")
    void onnxTwinsAgreeWithTorchScript(String arch) {
        Reference ref = Reference.of(arch);
        try (ImageClassifier ts = open(arch, "scripted.pt")) {
            float[][] expected = ts.logits(ref.images());
            for (String onnx : List.of("opset13.onnx", "opset17.onnx"))
                try (ImageClassifier twin = open(arch, onnx)) {
                    float[][] got = twin.logits(ref.images());
                    for (int i = 0; i < got.length; i++) {
                        assertEquals(argmax(expected[i]), argmax(got[i]), arch + "/" + onnx + " image " + i);
                        assertTrue(relativeMaxError(got[i], expected[i]) <= 1e-5, arch + "/" + onnx + " image " + i);
                    }
                }
        }
    }

    static Stream<String> architectures() { return ARCHITECTURES.stream(); }

    static NpyReader npy(Path dir, String name) {
        try { return NpyReader.read(dir.resolve(name)); }
        catch (IOException e) { throw new UncheckedIOException(e); }
    }

    static float[][] rows(float[] flat, int n) {
        int per = flat.length / n;
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) out[i] = Arrays.copyOfRange(flat, i * per, (i + 1) * per);
        return out;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
