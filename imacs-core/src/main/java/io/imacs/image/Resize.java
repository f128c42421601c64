package io.imacs.image;

/**
 * Bilinear resampling (half-pixel centres, as PyTorch's align_corners=false) and its exact adjoint.
 * The adjoint lets an adapter map gradients taken at its model's input size back to pixel space,
 * so attributions stay exact when the working size and a model's input size differ.
 */
public final class Resize {
    private Resize() {}

    public static PixelImage bilinear(PixelImage src, int width, int height) {
        if (src.width() == width && src.height() == height) return src;
        float[] out = new float[PixelImage.CHANNELS * width * height];
        Taps tx = taps(src.width(), width), ty = taps(src.height(), height);
        int sp = src.plane(), dp = width * height;
        float[] s = src.chw();
        for (int c = 0; c < PixelImage.CHANNELS; c++) {
            for (int y = 0; y < height; y++) {
                int r0 = c * sp + ty.i0[y] * src.width(), r1 = c * sp + ty.i1[y] * src.width();
                float wy = ty.w[y];
                for (int x = 0; x < width; x++) {
                    float wx = tx.w[x];
                    float top = s[r0 + tx.i0[x]] * (1 - wx) + s[r0 + tx.i1[x]] * wx;
                    float bot = s[r1 + tx.i0[x]] * (1 - wx) + s[r1 + tx.i1[x]] * wx;
                    out[c * dp + y * width + x] = top * (1 - wy) + bot * wy;
                }
            }
        }
        return new PixelImage(width, height, out);
    }

    /** Adjoint of {@link #bilinear}: maps a gradient at (width,height) back to (srcWidth,srcHeight). */
    public static float[] bilinearAdjoint(float[] grad, int width, int height, int srcWidth, int srcHeight) {
        if (srcWidth == width && srcHeight == height) return grad;
        float[] out = new float[PixelImage.CHANNELS * srcWidth * srcHeight];
        Taps tx = taps(srcWidth, width), ty = taps(srcHeight, height);
        int sp = srcWidth * srcHeight, dp = width * height;
        for (int c = 0; c < PixelImage.CHANNELS; c++) {
            for (int y = 0; y < height; y++) {
                int r0 = c * sp + ty.i0[y] * srcWidth, r1 = c * sp + ty.i1[y] * srcWidth;
                float wy = ty.w[y];
                for (int x = 0; x < width; x++) {
                    float g = grad[c * dp + y * width + x], wx = tx.w[x];
                    out[r0 + tx.i0[x]] += g * (1 - wy) * (1 - wx);
                    out[r0 + tx.i1[x]] += g * (1 - wy) * wx;
                    out[r1 + tx.i0[x]] += g * wy * (1 - wx);
                    out[r1 + tx.i1[x]] += g * wy * wx;
                }
            }
        }
        return out;
    }

    private record Taps(int[] i0, int[] i1, float[] w) {}

    private static Taps taps(int srcLen, int dstLen) {
        int[] i0 = new int[dstLen], i1 = new int[dstLen];
        float[] w = new float[dstLen];
        double scale = (double) srcLen / dstLen;
        for (int i = 0; i < dstLen; i++) {
            double s = Math.max(0, Math.min(srcLen - 1, (i + 0.5) * scale - 0.5));
            i0[i] = (int) Math.floor(s);
            i1[i] = Math.min(i0[i] + 1, srcLen - 1);
            w[i] = (float) (s - i0[i]);
        }
        return new Taps(i0, i1, w);
    }
}
