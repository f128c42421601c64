package io.imacs.djl;

import io.imacs.model.ImageClassifier;
import io.imacs.model.ImageEmbedder;
import io.imacs.model.ModelFormat;
import io.imacs.model.ModelSpec;
import java.nio.file.Path;
import java.util.List;

/** TorchScript files (scripted or traced) on DJL's PyTorch engine: the format with input gradients. */
public final class TorchScriptFormat implements ModelFormat {
    @Override public String name() { return "torchscript"; }

    @Override public List<String> extensions() { return List.of(".pt", ".pth", ".torchscript"); }

    @Override public boolean gradients() { return true; }

    @Override public ImageClassifier classifier(Path file, ModelSpec spec) { return TorchScriptModels.classifier(file, spec); }

    @Override public ImageEmbedder embedder(Path file, ModelSpec spec) { return TorchScriptModels.embedder(file, spec); }
}
