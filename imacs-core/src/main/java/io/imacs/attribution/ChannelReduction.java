package io.imacs.attribution;

/** How a CHW attribution becomes one value per pixel. */
public enum ChannelReduction {
    /** Sum over channels: keeps completeness (segment mass = sum of the pixel attributions). */
    SUM,
    /** Maximum over channels: what PAIR's XRAI does before ranking regions. */
    MAX;

    /** One value per pixel (row-major H*W) from a CHW attribution with {@code plane} pixels per channel. */
    public double[] reduce(float[] chw, int plane) {
        int channels = chw.length / plane;
        if (channels * plane != chw.length) throw new IllegalArgumentException(chw.length + " values is not a multiple of " + plane + " pixels");
        double[] out = new double[plane];
        for (int i = 0; i < plane; i++) {
            double v = this == SUM ? 0 : Double.NEGATIVE_INFINITY;
            for (int c = 0; c < channels; c++) v = this == SUM ? v + chw[c * plane + i] : Math.max(v, chw[c * plane + i]);
            out[i] = v;
        }
        return out;
    }
}
