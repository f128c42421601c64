package io.imacs.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ModelException;
import io.imacs.model.ImageEmbedder;
import io.imacs.model.ModelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point for ONNX models: classifiers and embedders over ONNX Runtime (CPU). Each model is checked
 * at load with one blank image (input shape, class count, finite output); every problem is a
 * {@link io.imacs.model.ModelException} naming the file and the fix. Instances are thread-safe.
 */
public final class OnnxModels {
    private OnnxModels() {}

    /** A classifier whose preprocessing and classes come from {@code spec} (usually its sidecar). */
    public static ImageClassifier classifier(Path file, ModelSpec spec) {
        OnnxRunner runner = new OnnxRunner(file, spec);
        try { return new OnnxClassifier(runner); }
        catch (RuntimeException e) { runner.close(); throw e; }
    }

    /** A classifier configured by its sidecar ({@code a.onnx} -> {@code a.json}). */
    public static ImageClassifier classifier(Path file) { return classifier(file, ModelSpec.load(file)); }

    /** An embedder reading {@code spec.featureOutput()} (first output when null). */
    public static ImageEmbedder embedder(Path file, ModelSpec spec) {
        OnnxRunner runner = new OnnxRunner(file, spec);
        try { return new OnnxEmbedder(runner); }
        catch (RuntimeException e) { runner.close(); throw e; }
    }

    /** An embedder configured by its sidecar. */
    public static ImageEmbedder embedder(Path file) { return embedder(file, ModelSpec.load(file)); }

    /** The graph's output names, e.g. to choose a featureOutput. */
    public static List<String> outputNames(Path file) {
        try (OrtSession session = OnnxRunner.open(OrtEnvironment.getEnvironment(), file)) {
            return new ArrayList<>(session.getOutputNames());
        } catch (OrtException e) {
            throw new ModelException(file + ": cannot list the model's outputs (" + OnnxRunner.firstLine(e) + ")", e);
        }
    }
}
