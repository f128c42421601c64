package io.imacs.onnx;

import io.imacs.image.PixelImage;
import io.imacs.model.ImageEmbedder;
import io.imacs.model.ModelInfo;
import io.imacs.model.ModelProbe;
import io.imacs.model.Softmax;
import java.util.List;

/** An embedder over ONNX Runtime: one named output, flattened per image (4-D maps are average-pooled). */
final class OnnxEmbedder implements ImageEmbedder {
    private final OnnxRunner runner;
    private final String output;
    private final ModelInfo info;

    OnnxEmbedder(OnnxRunner runner) {
        this.runner = runner;
        this.output = runner.resolveOutput(runner.spec().featureOutput(), "featureOutput");
        PixelImage blank = PixelImage.filled(runner.spec().width(), runner.spec().height(), 0.5f);
        Softmax.requireFinite(embed(List.of(blank)), runner.file().toString());
        String n = runner.file().getFileName().toString();
        this.info = new ModelInfo(n.replaceFirst("\\.[^.]*$", ""), runner.file().toString(), "onnx",
            runner.spec().height(), runner.spec().width(), List.of());
        ModelProbe.check(this);
    }

    @Override public ModelInfo info() { return info; }

    @Override public float[][] embed(List<PixelImage> batch) {
        OnnxRunner.Tensor t = runner.run(batch, output);
        float[][] rows = t.shape().length == 4 ? FeaturePooling.globalAverage(t, runner.spec().layout()) : t.rows();
        Softmax.requireFinite(rows, runner.file().toString());
        return rows;
    }

    @Override public void close() { runner.close(); }
}
