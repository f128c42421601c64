package io.imacs.model;

import io.imacs.image.PixelImage;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The load-time probe every adapter runs once a model is open. IMACS explains a model as a pure
 * function of each image, in every mode it runs it in; an export that breaks this corrupts every
 * attribution silently, so it is refused here with what to do instead:
 * <ul>
 *   <li>the output for an image must not depend on the other images in its batch (a model exported in
 *       training mode normalises with batch statistics, or drops units at random);</li>
 *   <li>a forward pass must give the same output before and after a gradient pass (no state updated
 *       in forward, e.g. BatchNorm running statistics in training mode);</li>
 *   <li>the forward pass behind the gradients must compute the inference output;</li>
 *   <li>input gradients must agree with a central finite difference along the gradient (an engine that
 *       computes wrong gradients on this machine).</li>
 * </ul>
 * It costs a handful of forward passes on two images and one gradient pass.
 */
public final class ModelProbe {
    /** Outputs equal up to float32 noise: |a - b| <= TOLERANCE * (1 + max |b|). */
    static final double TOLERANCE = 1e-4;
    /** Two engines on one model: 1e-3 of the logits' scale. */
    static final double TWIN_TOLERANCE = 1e-3;
    /** Finite differences in float32 through kinks: 5% of the directional derivative. */
    static final double FD_TOLERANCE = 0.05;
    /** Step of the central difference, in pixel units (images are in [0,1]). */
    static final float FD_STEP = 1e-3f;

    private ModelProbe() {}

    /** Checks a classifier (its logits) and, when it has them, its input gradients. */
    public static void check(ImageClassifier model) {
        ModelInfo info = model.info();
        List<PixelImage> pair = images(info);
        float[][] before = stable(model::logits, pair, info);
        Differentiable d = model.gradients().orElse(null);
        if (d == null) return;
        int target = argmax(before[1]);
        Gradients g = d.gradients(pair, new int[] {target, target}, Output.LOGIT);
        for (int i = 0; i < pair.size(); i++)
            if (Math.abs(g.values()[i] - before[i][target]) > TOLERANCE * (1 + scale(before[i])))
                throw new ModelException(String.format(Locale.ROOT, "%s: the forward pass behind the gradients gives logit %.6g where "
                    + "inference gives %.6g; the engine runs the model in another mode for gradients. Export it in eval mode "
                    + "(torch.jit.trace(model.eval(), example) or torch.jit.script(model.eval()))", info.path(), g.values()[i], before[i][target]));
        float[][] after = model.logits(pair);
        double change = largestChange(before, after);
        if (change > 0)
            throw new ModelException(String.format(Locale.ROOT, "%s: a gradient pass changed the model's later outputs (largest change %.3g); "
                + "its forward updates state (BatchNorm running statistics in training mode, a counter buffer, ...). Export it in eval "
                + "mode (model.eval() before torch.jit.trace/script) with a forward that has no side effects", info.path(), change));
        checkFiniteDifference(model, pair.get(1), target, g.gradients()[1], g.values()[1]);
    }

    /**
     * An ONNX twin runs the forward passes of the model it sits beside, so both must compute the same
     * function: their logits on the probe images agree within 1e-3 of their scale (two engines round
     * differently; the conformance suite sees 1e-5).
     */
    public static void checkTwins(ImageClassifier twin, ImageClassifier model) {
        List<PixelImage> pair = images(model.info());
        double worst = largestChange(twin.logits(pair), model.logits(pair), TWIN_TOLERANCE);
        if (worst > 0)
            throw new ModelException(String.format(Locale.ROOT, "%s and %s are twins by name but compute different logits (largest "
                + "difference %.3g); they are not exports of the same weights: export both again from one model", twin.info().path(), model.info().path(), worst));
    }

    /** Checks an embedder's feature output. */
    public static void check(ImageEmbedder model) {
        stable(model::embed, images(model.info()), model.info());
    }

    /**
     * Runs {@code forward} on the pair, on its second image alone, and on the pair again: the rows must
     * agree (no batch dependence, no randomness, no state). Returns the pair's output.
     */
    static float[][] stable(Function<List<PixelImage>, float[][]> forward, List<PixelImage> pair, ModelInfo info) {
        float[][] both = forward.apply(pair);
        float[][] alone = forward.apply(pair.subList(1, 2));
        float[][] again = forward.apply(pair);
        for (float[][] out : List.of(both, alone, again)) Softmax.requireFinite(out, info.path());
        double batch = largestChange(new float[][] {both[1]}, alone), repeat = largestChange(both, again);
        if (batch > 0 || repeat > 0)
            throw new ModelException(String.format(Locale.ROOT, "%s: the output for an image %s (largest change %.3g); the model "
                + "normalises with batch statistics or drops units at random, i.e. it was exported in training mode: call "
                + "model.eval() before torch.jit.trace, torch.jit.script or torch.onnx.export, and export it again (or, with "
                + "PyTorch, the engine computes batches wrongly on this CPU: set ONEDNN_MAX_CPU_ISA=SSE41, see docs/models.md)", info.path(),
                repeat > 0 ? "changes from one run to the next" : "depends on the other images in its batch", Math.max(batch, repeat)));
        return both;
    }

    /** The gradient's directional derivative along itself against (f(x + hv) - f(x - hv)) / 2h. */
    static void checkFiniteDifference(ImageClassifier model, PixelImage x, int target, float[] grad, float fx) {
        double norm = 0;
        for (float v : grad) norm += (double) v * v;
        norm = Math.sqrt(norm);
        if (!(norm > 0) || !Double.isFinite(norm)) return; // a flat logit: nothing to compare
        float[] plus = x.copy(), minus = x.copy();
        for (int i = 0; i < grad.length; i++) {
            float step = (float) (FD_STEP * grad[i] / norm);
            plus[i] += step;
            minus[i] -= step;
        }
        float[][] f = model.logits(List.of(new PixelImage(x.width(), x.height(), plus), new PixelImage(x.width(), x.height(), minus)));
        double measured = ((double) f[0][target] - f[1][target]) / (2 * FD_STEP);
        // float32 rounding of the logit, divided by the step, bounds what a difference can resolve
        double noise = 4 * Math.ulp(Math.abs(fx) + 1f) / FD_STEP;
        if (Math.abs(measured - norm) > FD_TOLERANCE * norm + noise)
            throw new ModelException(String.format(Locale.ROOT, "%s: input gradients disagree with finite differences (directional "
                + "derivative %.4g from the gradient, %.4g measured); the engine computes wrong gradients on this machine. With "
                + "PyTorch, set ONEDNN_MAX_CPU_ISA=SSE41 before starting Java (./imacs does); see docs/models.md",
                model.info().path(), norm, measured));
    }

    /** A grey image and a smooth colour pattern, at the model's input size (no resize in between). */
    static List<PixelImage> images(ModelInfo info) {
        int w = info.inputWidth(), h = info.inputHeight();
        float[] pattern = new float[PixelImage.CHANNELS * w * h];
        for (int c = 0; c < PixelImage.CHANNELS; c++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    pattern[(c * h + y) * w + x] = (float) (0.5 + 0.4 * Math.sin(2 * Math.PI * ((c + 1) * x / (double) w + (3 - c) * y / (double) h)));
        return List.of(PixelImage.filled(w, h, 0.5f), new PixelImage(w, h, pattern));
    }

    /** The largest |a - b| beyond float32 noise (0 when all rows agree within {@link #TOLERANCE}). */
    static double largestChange(float[][] a, float[][] b) { return largestChange(a, b, TOLERANCE); }

    /** The largest |a - b| among entries that differ by more than {@code tolerance * (1 + max |row of b|)}; else 0. */
    static double largestChange(float[][] a, float[][] b, double tolerance) {
        double worst = 0;
        for (int r = 0; r < a.length; r++) {
            double scale = scale(b[r]);
            for (int i = 0; i < a[r].length; i++) {
                double d = Math.abs(a[r][i] - b[r][i]);
                if (d > tolerance * (1 + scale)) worst = Math.max(worst, d);
            }
        }
        return worst;
    }

    static double scale(float[] row) {
        double scale = 0;
        for (float v : row) scale = Math.max(scale, Math.abs(v));
        return scale;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
