package io.imacs.attribution;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.fixtures.TinyTanhNet;
import io.imacs.image.PixelImage;
import io.imacs.model.Output;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class IntegratedGradientsTest {

    @Test void linearFunctionGetsExactAttributionUnderEveryRule() {
        for (IntegratedGradients.Rule rule : IntegratedGradients.Rule.values()) {
            float[] a = new IntegratedGradients(5, rule, 4).attribute(
                List.of(new AttributionTask(new float[] {10, 5}, new float[] {-1, -3}, 0)), new Analytic().linear()).get(0);
            assertArrayEquals(new float[] {22, 8}, a, 1e-4f, rule.cliName());
        }
    }

    @Test void alphasAndWeightsFollowCaptumRules() {
        // f = x^2 from 0 to 3 with n steps: left gives 9(n-1)/n, right 9(n+1)/n, middle and trapezoid exactly 9
        int n = 8;
        var task = List.of(AttributionTask.zeroBaseline(new float[] {3}, 0));
        double[] expected = {9.0 * (n - 1) / n, 9.0 * (n + 1) / n, 9, 9};
        IntegratedGradients.Rule[] rules = IntegratedGradients.Rule.values();
        for (int r = 0; r < rules.length; r++)
            assertEquals(expected[r], new IntegratedGradients(n, rules[r], 3).attribute(task, new Analytic().square1d()).get(0)[0], 1e-4, rules[r].cliName());
    }

    @ParameterizedTest @EnumSource(IntegratedGradients.Rule.class)
    void completenessOnANonlinearNetworkAt256Steps(IntegratedGradients.Rule rule) {
        TinyTanhNet net = new TinyTanhNet(4, 4, 8, 3, 7);
        PixelImage x = TinyTanhNet.randomImage(4, 4, 1);
        for (Output out : Output.values()) for (PixelImage b : List.of(PixelImage.filled(4, 4, 0), Baselines.uniformNoise(3).of(x))) {
            float[] a = new IntegratedGradients(256, rule, 64).attribute(List.of(new AttributionTask(x.chw(), b.chw(), 2)),
                GradientFunction.of(net, 4, 4, out)).get(0);
            double sum = 0;
            for (float v : a) sum += v;
            double diff = net.value(x, 2, out) - net.value(b, 2, out);
            assertTrue(Math.abs(diff) > 1e-3, "test needs a non-trivial difference");
            assertTrue(Math.abs(sum - diff) / Math.abs(diff) < 0.01, rule + " " + out + ": sum " + sum + " vs " + diff);
        }
    }

    @Test void batchedAndUnbatchedAgreeAcrossImagesAndClasses() {
        TinyTanhNet net = new TinyTanhNet(4, 4, 8, 3, 7);
        List<AttributionTask> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) for (int c = 0; c < 3; c++) tasks.add(AttributionTask.zeroBaseline(TinyTanhNet.randomImage(4, 4, i).chw(), c));
        GradientFunction f = GradientFunction.of(net, 4, 4, Output.PROBABILITY);
        List<float[]> one = new IntegratedGradients(16, IntegratedGradients.Rule.RIEMANN_MIDDLE, 1).attribute(tasks, f);
        net.batchSizes.clear();
        List<float[]> many = new IntegratedGradients(16, IntegratedGradients.Rule.RIEMANN_MIDDLE, 50).attribute(tasks, f);
        assertEquals(List.of(50, 50, 44), net.batchSizes, "9 tasks x 16 steps packed into full batches");
        for (int t = 0; t < tasks.size(); t++) assertArrayEquals(one.get(t), many.get(t), 1e-5f);
    }

    @Test void ruleNamesParse() {
        assertEquals(IntegratedGradients.Rule.TRAPEZOID, IntegratedGradients.Rule.parse("trapezoid"));
        assertEquals(IntegratedGradients.Rule.RIEMANN_LEFT, IntegratedGradients.Rule.parse("riemann-left"));
        var e = assertThrows(IllegalArgumentException.class, () -> IntegratedGradients.Rule.parse("simpson"));
        assertTrue(e.getMessage().contains("`igRule`"));
    }
}
