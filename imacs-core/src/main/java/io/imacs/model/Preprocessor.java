package io.imacs.model;

import io.imacs.image.PixelImage;
import io.imacs.image.Resize;
import java.util.List;

/**
 * Turns pixel-space images into a model's input tensor as its {@link ModelSpec} says (resize, scale,
 * mean/std, channel order, layout), and maps input gradients back to pixel space (the exact adjoint),
 * so every adapter shares one definition of preprocessing.
 */
public final class Preprocessor {
    private final ModelSpec spec;
    private final float[] scale = new float[3], shift = new float[3];
    private final int[] source = new int[3];

    public Preprocessor(ModelSpec spec) {
        this.spec = spec;
        boolean bgr = spec.channelOrder().equals("BGR");
        for (int c = 0; c < 3; c++) {
            // model channel c reads pixel channel source[c]; value = px * pixelScale/std - mean/std
            source[c] = bgr ? 2 - c : c;
            scale[c] = (float) (spec.pixelScale() / spec.std().get(c));
            shift[c] = (float) (-spec.mean().get(c) / spec.std().get(c));
        }
    }

    public ModelSpec spec() { return spec; }

    /** Shape of the batch tensor: [n,3,H,W] or [n,H,W,3]. */
    public long[] shape(int n) {
        return spec.layout().equals("NCHW") ? new long[] {n, 3, spec.height(), spec.width()} : new long[] {n, spec.height(), spec.width(), 3};
    }

    public float[] toInput(List<PixelImage> batch) {
        int h = spec.height(), w = spec.width(), p = h * w, per = 3 * p;
        boolean nchw = spec.layout().equals("NCHW");
        float[] out = new float[batch.size() * per];
        for (int b = 0; b < batch.size(); b++) {
            float[] px = Resize.bilinear(batch.get(b), w, h).chw();
            int base = b * per;
            for (int c = 0; c < 3; c++) {
                int src = source[c] * p;
                for (int i = 0; i < p; i++) {
                    float v = px[src + i] * scale[c] + shift[c];
                    out[base + (nchw ? c * p + i : i * 3 + c)] = v;
                }
            }
        }
        return out;
    }

    /** Gradient w.r.t. the model input of image b (flat, model layout) -> gradient w.r.t. its pixels. */
    public float[] toPixelGradient(float[] inputGrad, int b, PixelImage original) {
        int h = spec.height(), w = spec.width(), p = h * w, per = 3 * p;
        boolean nchw = spec.layout().equals("NCHW");
        float[] g = new float[per];
        int base = b * per;
        for (int c = 0; c < 3; c++) {
            int dst = source[c] * p;
            for (int i = 0; i < p; i++) g[dst + i] = inputGrad[base + (nchw ? c * p + i : i * 3 + c)] * scale[c];
        }
        return Resize.bilinearAdjoint(g, w, h, original.width(), original.height());
    }

    /** The pixel value that maps to a model input of zero: the embedder's neutral fill (its mean). */
    public float[] neutralPixel() {
        float[] rgb = new float[3];
        for (int c = 0; c < 3; c++) rgb[source[c]] = (float) (spec.mean().get(c) / spec.pixelScale());
        return rgb;
    }
}
