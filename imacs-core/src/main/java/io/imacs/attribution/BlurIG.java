package io.imacs.attribution;

import io.imacs.image.GaussianBlur;
import io.imacs.image.PixelImage;
import io.imacs.model.Gradients;
import java.util.ArrayList;
import java.util.List;

/**
 * Blur IG (Xu et al. 2020), following PAIR saliency's blur_ig.py: integrates gradients along the path
 * from the image blurred with {@code maxSigma} to the image itself, -sum_i d(sigma_i) * dB/dsigma * grad f.
 * The blur derivative is a finite difference with {@code gradStep}. Unlike the reference (zero padding),
 * borders are BoofCV's renormalised kernel, the same blur IMACS uses elsewhere.
 * All steps of all images are packed into batches of {@code batchSize}.
 */
public final class BlurIG {
    private final double maxSigma, gradStep;
    private final int steps, batchSize;
    private final boolean sqrt;

    public BlurIG(double maxSigma, int steps, double gradStep, boolean sqrt, int batchSize) {
        if (maxSigma <= 0) throw new IllegalArgumentException("Blur IG maximum sigma must be positive, got " + maxSigma);
        if (steps < 1) throw new IllegalArgumentException("Blur IG steps must be at least 1, got " + steps);
        if (gradStep <= 0) throw new IllegalArgumentException("Blur IG gradient step must be positive, got " + gradStep);
        if (batchSize < 1) throw new IllegalArgumentException("`batchSize` must be at least 1, got " + batchSize);
        this.maxSigma = maxSigma;
        this.steps = steps;
        this.gradStep = gradStep;
        this.sqrt = sqrt;
        this.batchSize = batchSize;
    }

    /** One CHW attribution per image, explaining output {@code targets[i]}. */
    public List<float[]> attribute(List<PixelImage> images, int[] targets, GradientFunction model) {
        double[] sigmas = new double[steps + 1];
        for (int i = 0; i <= steps; i++) sigmas[i] = sqrt ? Math.sqrt((double) i * maxSigma / steps) : (double) i * maxSigma / steps;
        List<float[]> points = new ArrayList<>(images.size() * steps);
        List<float[]> blurDerivative = new ArrayList<>(images.size() * steps);
        int[] pointTargets = new int[images.size() * steps];
        for (int n = 0; n < images.size(); n++) {
            PixelImage img = images.get(n);
            for (int i = 0; i < steps; i++) {
                float[] x = GaussianBlur.apply(img, sigmas[i]).chw();
                float[] next = GaussianBlur.apply(img, sigmas[i] + gradStep).chw();
                float[] d = new float[x.length];
                for (int k = 0; k < d.length; k++) d[k] = (float) ((next[k] - x[k]) / gradStep);
                points.add(x);
                blurDerivative.add(d);
                pointTargets[n * steps + i] = targets[n];
            }
        }
        Gradients g = model.batched(points, pointTargets, batchSize);
        List<float[]> out = new ArrayList<>(images.size());
        for (int n = 0; n < images.size(); n++) {
            double[] sum = new double[images.get(n).size()];
            for (int i = 0; i < steps; i++) {
                float[] grad = g.gradients()[n * steps + i], d = blurDerivative.get(n * steps + i);
                double ds = sigmas[i + 1] - sigmas[i];
                for (int k = 0; k < sum.length; k++) sum[k] += ds * d[k] * grad[k];
            }
            float[] a = new float[sum.length];
            for (int k = 0; k < a.length; k++) a[k] = (float) -sum[k];
            out.add(a);
        }
        return out;
    }

    public String describe() {
        return "blur-ig max_sigma=" + maxSigma + " steps=" + steps + " grad_step=" + gradStep + (sqrt ? " sqrt" : "");
    }
}
