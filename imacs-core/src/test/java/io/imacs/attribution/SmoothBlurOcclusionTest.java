package io.imacs.attribution;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.fixtures.TinyTanhNet;
import io.imacs.image.GaussianBlur;
import io.imacs.image.PixelImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SmoothBlurOcclusionTest {

    @Test void blurIGOnALinearFunctionIsWeightTimesBlurDifference() {
        // f = w . x: the blur path integral is exactly w_i * (x_i - blur(x, maxSigma)_i) in the limit
        PixelImage img = TinyTanhNet.randomImage(12, 10, 4);
        float[] w = new float[img.size()];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextDouble(-1, 1);
        Analytic f = new Analytic();
        float[] a = new BlurIG(3, 300, 0.001, false, 128).attribute(List.of(img), new int[] {0}, f.weighted(w)).get(0);
        float[] blurred = GaussianBlur.apply(img, 3).chw();
        double err = 0, scale = 0;
        for (int i = 0; i < a.length; i++) {
            double expected = w[i] * (img.chw()[i] - blurred[i]);
            err = Math.max(err, Math.abs(a[i] - expected));
            scale = Math.max(scale, Math.abs(expected));
        }
        assertTrue(err < 0.02 * scale, "max error " + err + " of " + scale);
        assertEquals(List.of(128, 128, 44), f.batchSizes);
    }

    @Test void smoothGradOfAGradientAveragesNoise() {
        var task = List.of(new AttributionTask(new float[] {3, -1}, new float[2], 0), new AttributionTask(new float[] {0.5f, 2}, new float[2], 0));
        // linear: every noisy gradient is the same
        List<float[]> lin = new SmoothGrad(new VanillaGradient(16), 10, 0.2, false, 1).attribute(task, new Analytic().linear());
        assertArrayEquals(new float[] {2, 1}, lin.get(0), 1e-6f);
        // x^2: mean of 2(x + n) is 2x; mean of its square is 4x^2 + 4 sd^2
        var one = List.of(AttributionTask.zeroBaseline(new float[] {3}, 0));
        Analytic f = new Analytic();
        // a 1-feature input has max - min = 0, so the spread gives no noise
        assertArrayEquals(new float[] {6}, new SmoothGrad(new VanillaGradient(64), 100, 0.5, false, 3).attribute(one, f.square1d()).get(0), 1e-6f);
        var two = List.of(AttributionTask.zeroBaseline(new float[] {3, 1}, 0));   // sd = 0.5 * 2 = 1 on each feature
        float[] sq = new SmoothGrad(new VanillaGradient(500), 4000, 0.5, true, 3).attribute(two, f.squared()).get(0);
        // gradient of (2x1 + x2)^2 is (4s, 2s), s = 7 + 2n1 + n2 with Var(s) = 5: E[(4s)^2] = 16 (49 + 5)
        assertEquals(16 * 54, sq[0], 16 * 54 * 0.05);
        float[] again = new SmoothGrad(new VanillaGradient(7), 4000, 0.5, true, 3).attribute(two, f.squared()).get(0);
        assertArrayEquals(sq, again, 1e-5f, "same seed, same numbers, whatever the batch size");
    }

    @Test void smoothGradOverIntegratedGradientsBatchesAllSamples() {
        TinyTanhNet net = new TinyTanhNet(4, 4, 8, 3, 5);
        List<AttributionTask> tasks = new ArrayList<>();
        for (int i = 0; i < 2; i++) tasks.add(AttributionTask.zeroBaseline(TinyTanhNet.randomImage(4, 4, i).chw(), i));
        var sg = new SmoothGrad(new IntegratedGradients(8, IntegratedGradients.Rule.RIEMANN_MIDDLE, 40), 5, 0.1, false, 9);
        sg.attribute(tasks, GradientFunction.of(net, 4, 4, io.imacs.model.Output.LOGIT));
        assertEquals(List.of(40, 40), net.batchSizes, "2 tasks x 5 samples x 8 steps in two full batches");
        assertTrue(sg.describe().startsWith("smoothgrad(ig steps=8"));
    }

    @Test void occlusionDropsAndSlidingWindowMap() {
        // f = 2*x1 + x2 with zero fill: dropping feature 0 costs 2*x1, feature 1 costs x2
        ModelFunction f = (inputs, targets) -> inputs.stream().mapToDouble(x -> 2 * x[0] + x[1]).toArray();
        var task = new Occlusion.Task(new float[] {10, 5}, new float[2], 0, List.of(new int[] {0}, new int[] {1}, new int[] {0, 1}));
        assertArrayEquals(new double[] {20, 5, 25}, new Occlusion(2).groupDrops(List.of(task), f).get(0), 1e-9);
        assertArrayEquals(new float[] {45, 30}, new Occlusion(8).attribute(List.of(task), f).get(0), 1e-6f);
        List<int[]> windows = Occlusion.windows(4, 4, 2, 2);
        assertEquals(4, windows.size());
        assertEquals(12, windows.get(0).length, "2x2 pixels x 3 channels");
    }
}
