package io.imacs.onnx;

import io.imacs.model.ImageClassifier;
import io.imacs.model.ImageEmbedder;
import io.imacs.model.ModelFormat;
import io.imacs.model.ModelSpec;
import java.nio.file.Path;
import java.util.List;

/** ONNX files on ONNX Runtime: fast forward passes, no gradients; a twin for a TorchScript model's forward passes. */
public final class OnnxFormat implements ModelFormat {
    @Override public String name() { return "onnx"; }

    @Override public List<String> extensions() { return List.of(".onnx"); }

    @Override public boolean gradients() { return false; }

    @Override public boolean forwardTwin() { return true; }

    @Override public ImageClassifier classifier(Path file, ModelSpec spec) { return OnnxModels.classifier(file, spec); }

    @Override public ImageEmbedder embedder(Path file, ModelSpec spec) { return OnnxModels.embedder(file, spec); }
}
