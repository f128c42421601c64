package io.imacs.attribution;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.fixtures.TinyTanhNet;
import io.imacs.model.Output;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reference values from spec section 6 (PAIR saliency's own tests). */
class GuidedIGTest {
    private static float[] gig(GradientFunction f, float[] x, float[] b, int steps, double fraction, double maxDist) {
        return new GuidedIG(steps, fraction, maxDist, 8).attribute(List.of(new AttributionTask(x, b, 0)), f).get(0);
    }

    private static void assertRel(float[] expected, float[] actual, double rtol) {
        for (int i = 0; i < expected.length; i++)
            assertEquals(expected[i], actual[i], Math.abs(expected[i]) * rtol, "feature " + i + ": " + java.util.Arrays.toString(actual));
    }

    @Test void linearFunctionEqualsIntegratedGradients() {
        assertRel(new float[] {22, 8}, gig(new Analytic().linear(), new float[] {10, 5}, new float[] {-1, -3}, 10, 0.1, 0.5), 1e-6);
        assertRel(new float[] {20, 5}, gig(new Analytic().linear(), new float[] {10, 5}, new float[2], 10, 0.1, 0.5), 1e-6);
    }

    @Test void dependentQuadraticReducesToIntegratedGradients() {
        float[] x = {3, 3}, zero = new float[2];
        assertRel(new float[] {54, 27}, gig(new Analytic().squared(), x, zero, 1000, 0.1, 0.0), 0.01);
        assertRel(new float[] {54, 27}, gig(new Analytic().squared(), x, zero, 1000, 1.0, 0.5), 0.01);
    }

    @Test void dependentQuadraticUnbounded() {
        assertRel(new float[] {72, 9}, gig(new Analytic().squared(), new float[] {3, 3}, new float[2], 1000, 0.1, 1.0), 0.01);
    }

    @Test void dependentQuadraticBoundedIsCompleteAndBetween() {
        float[] a = gig(new Analytic().squared(), new float[] {3, 3}, new float[2], 1000, 0.1, 0.2);
        assertEquals(81, a[0] + a[1], 0.1);
        assertTrue(55 < a[0] && a[0] < 71 && 10 < a[1] && a[1] < 26, java.util.Arrays.toString(a));
    }

    @Test void pathsOfManyTasksRunSideBySideWithSameNumbers() {
        TinyTanhNet net = new TinyTanhNet(4, 4, 8, 3, 5);
        List<AttributionTask> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) for (int c = 0; c < 2; c++) tasks.add(AttributionTask.zeroBaseline(TinyTanhNet.randomImage(4, 4, 10 + i).chw(), c));
        GradientFunction f = GradientFunction.of(net, 4, 4, Output.LOGIT);
        List<float[]> one = new GuidedIG(20, 0.25, 0.02, 1).attribute(tasks, f);
        net.batchSizes.clear();
        List<float[]> many = GuidedIG.paperDefaults(20, 64).attribute(tasks, f);
        assertEquals(20, net.batchSizes.size(), "one call per step for all six paths");
        assertTrue(net.batchSizes.stream().allMatch(s -> s == 6));
        for (int t = 0; t < tasks.size(); t++) {
            assertArrayEquals(one.get(t), many.get(t), 1e-5f);
            double sum = 0;
            for (float v : many.get(t)) sum += v;
            double diff = net.value(new io.imacs.image.PixelImage(4, 4, tasks.get(t).input()), tasks.get(t).target(), Output.LOGIT)
                - net.value(io.imacs.image.PixelImage.filled(4, 4, 0), tasks.get(t).target(), Output.LOGIT);
            assertEquals(diff, sum, Math.abs(diff) * 0.1 + 1e-3, "Guided IG is roughly complete at 20 steps");
        }
    }

    @Test void rejectsBadParameters() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GuidedIG(10, 0, 0.02, 1)).getMessage().contains("Guided IG fraction"));
    }
}
