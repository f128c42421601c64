package io.imacs.onnx;

import io.imacs.image.PixelImage;
import io.imacs.model.ClassifierOutputs;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ModelInfo;
import io.imacs.model.ModelProbe;
import java.util.List;

/** A classifier over ONNX Runtime: forward passes only (no gradients; rankers fall back to occlusion). */
final class OnnxClassifier implements ImageClassifier {
    private final OnnxRunner runner;
    private final String output;
    private final ModelInfo info;

    OnnxClassifier(OnnxRunner runner) {
        this.runner = runner;
        this.output = runner.resolveOutput(runner.spec().outputName(), "outputName");
        // one blank image validates input shape, class count and finiteness before the user's data runs
        PixelImage blank = PixelImage.filled(runner.spec().width(), runner.spec().height(), 0.5f);
        List<String> classes = ClassifierOutputs.checkAtLoad(raw(List.of(blank)), runner.spec(), runner.file());
        String n = runner.file().getFileName().toString();
        this.info = new ModelInfo(n.replaceFirst("\\.[^.]*$", ""), runner.file().toString(), "onnx",
            runner.spec().height(), runner.spec().width(), classes);
        ModelProbe.check(this);
    }

    private float[][] raw(List<PixelImage> batch) { return runner.run(batch, output).rows(); }

    @Override public ModelInfo info() { return info; }

    @Override public float[][] probabilities(List<PixelImage> batch) {
        return ClassifierOutputs.probabilities(raw(batch), runner.spec(), info.path());
    }

    @Override public float[][] logits(List<PixelImage> batch) {
        return ClassifierOutputs.logits(raw(batch), runner.spec(), info.path());
    }

    @Override public void close() { runner.close(); }
}
