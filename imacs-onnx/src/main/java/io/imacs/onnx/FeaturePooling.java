package io.imacs.onnx;

/** Global average pooling of a 4-D feature map output, so an intermediate conv layer can embed. */
final class FeaturePooling {
    private FeaturePooling() {}

    /** [n,C,H,W] (NCHW models) or [n,H,W,C] (NHWC models) -> [n][C], mean over H and W. */
    static float[][] globalAverage(OnnxRunner.Tensor t, String layout) {
        long[] s = t.shape();
        boolean nchw = layout.equals("NCHW");
        int n = (int) s[0], c = (int) (nchw ? s[1] : s[3]), hw = (int) (nchw ? s[2] * s[3] : s[1] * s[2]);
        float[] d = t.data();
        float[][] out = new float[n][c];
        for (int b = 0; b < n; b++) {
            int base = b * c * hw;
            for (int ch = 0; ch < c; ch++) {
                double sum = 0;
                for (int i = 0; i < hw; i++) sum += d[base + (nchw ? ch * hw + i : i * c + ch)];
                out[b][ch] = (float) (sum / hw);
            }
        }
        return out;
    }
}
