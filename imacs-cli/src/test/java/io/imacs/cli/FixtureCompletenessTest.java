package io.imacs.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.attribution.AttributionTask;
import io.imacs.attribution.GradientFunction;
import io.imacs.attribution.IntegratedGradients;
import io.imacs.djl.DjlClassifier;
import io.imacs.djl.TorchScriptModels;
import io.imacs.image.ImageFiles;
import io.imacs.image.PixelImage;
import io.imacs.model.Output;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The completeness axiom of Integrated Gradients through the real DJL gradients of the fixture
 * TorchScript model: sum(attribution) = f(x) - f(baseline), to 1% at 256 steps, for every step rule.
 * f is evaluated by a separate forward pass, not taken from the gradient calls.
 */
class FixtureCompletenessTest {
    private static final String[] IMAGES = {"circle/circle_000.png", "square/square_003.png", "stripes/stripes_005.png"};
    private static DjlClassifier model;

    @BeforeAll static void load() { model = TorchScriptModels.classifier(Path.of(CliRun.fixture("models/classifier_a.pt"))); }

    @AfterAll static void close() { model.close(); }

    @ParameterizedTest @EnumSource(IntegratedGradients.Rule.class)
    void sumMatchesOutputDifferenceAt256Steps(IntegratedGradients.Rule rule) {
        for (Output output : Output.values()) {
            List<AttributionTask> tasks = new ArrayList<>();
            List<PixelImage> inputs = new ArrayList<>();
            for (String name : IMAGES) {
                PixelImage x = ImageFiles.read(Path.of(CliRun.fixture("data/" + name)));
                String label = name.substring(0, name.indexOf('/'));
                PixelImage black = PixelImage.filled(x.width(), x.height(), 0f);
                tasks.add(new AttributionTask(x.chw(), black.chw(), model.info().classIndex(label)));
                inputs.add(x);
                inputs.add(black);
            }
            List<float[]> attrs = new IntegratedGradients(256, rule, 128)
                .attribute(tasks, GradientFunction.of(model, 32, 32, output));
            float[][] f = model.outputs(inputs, output);
            for (int t = 0; t < tasks.size(); t++) {
                int c = tasks.get(t).target();
                double diff = f[2 * t][c] - f[2 * t + 1][c], sum = 0;
                for (float a : attrs.get(t)) sum += a;
                assertTrue(Math.abs(diff) > 0.05, "the test needs a visible difference: " + diff);
                double gap = Math.abs(sum - diff) / Math.abs(diff);
                assertTrue(gap < 0.01, rule + " " + output + " " + IMAGES[t] + ": sum " + sum + " vs f(x) - f(b) " + diff + " (gap " + gap + ")");
            }
        }
    }
}
