package io.imacs.model;

import java.nio.file.Path;
import java.util.List;

/**
 * A model file format IMACS can open, found with {@link java.util.ServiceLoader}: a module that implements it and
 * names its class in {@code META-INF/services/io.imacs.model.ModelFormat} adds the format (imacs-onnx: ONNX Runtime;
 * imacs-djl: TorchScript on DJL's PyTorch engine). {@link ModelFormats} chooses one by file name.
 */
public interface ModelFormat {
    /** Short lower-case name, as the manifest records it: {@code onnx}, {@code torchscript}. */
    String name();

    /** File name endings this format opens, lower case with the dot: {@code .onnx}. */
    List<String> extensions();

    /** Whether its classifiers give input gradients (XRAI over Guided IG needs them; occlusion does not). */
    boolean gradients();

    /**
     * Whether a file of this format beside a model of a format with gradients, with the same base name, may run that
     * model's forward passes (an ONNX export of a TorchScript model: several times faster on CPU).
     */
    default boolean forwardTwin() { return false; }

    ImageClassifier classifier(Path file, ModelSpec spec);

    ImageEmbedder embedder(Path file, ModelSpec spec);
}
