package io.imacs.cli;

import io.imacs.cache.ContentHash;
import io.imacs.djl.TorchScriptModels;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ImageEmbedder;
import io.imacs.model.ModelInfo;
import io.imacs.model.ModelException;
import io.imacs.model.ModelProbe;
import io.imacs.model.ModelSpec;
import io.imacs.onnx.OnnxModels;
import io.imacs.result.RunManifest;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Opens a user's model file with the adapter its extension names: ONNX Runtime or DJL's PyTorch engine. */
final class ModelLoader {
    private ModelLoader() {}

    enum Format { ONNX, TORCHSCRIPT }

    static Format formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".onnx")) return Format.ONNX;
        if (n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".torchscript")) return Format.TORCHSCRIPT;
        throw new ModelException(file + ": unknown model format; use an ONNX file (.onnx) or a TorchScript file (.pt, .torchscript)");
    }

    /** A model file the user named, checked in the order a user would fix it: exists, known format, sidecar. */
    private record Checked(Format format, ModelSpec spec) {}

    private static Checked check(Path file, String option, Map<String, String> overrides) {
        requireReadable(file, option);
        Format f = formatOf(file);
        return new Checked(f, ModelSpec.load(file, overrides));
    }

    static void requireReadable(Path file, String option) {
        if (!Files.isRegularFile(file)) throw new ModelException(option + " " + file + ": file not found");
        if (!Files.isReadable(file)) throw new ModelException(option + " " + file + ": file is not readable (check permissions)");
    }

    static ImageClassifier classifier(Path file, String option, Map<String, String> overrides) {
        return classifier(file, option, overrides, false);
    }

    /**
     * With {@code twins}, a TorchScript model that has an ONNX file of the same base name beside it runs its
     * forward passes on ONNX Runtime and only its gradients on PyTorch ({@link TwinClassifier}).
     */
    static ImageClassifier classifier(Path file, String option, Map<String, String> overrides, boolean twins) {
        Checked c = check(file, option, overrides);
        Format f = c.format();
        ModelSpec spec = c.spec();
        if (f == Format.ONNX) return OnnxModels.classifier(file, spec);
        Path twin = twins ? onnxTwin(file) : null;
        if (twin == null) return TorchScriptModels.classifier(file, spec);
        // the TorchScript file first: a problem with the model the user named is reported against it
        ImageClassifier gradients = TorchScriptModels.classifier(file, spec);
        ImageClassifier forward = null;
        try {
            forward = OnnxModels.classifier(twin, spec);
            try { ModelProbe.checkTwins(forward, gradients); }
            catch (ModelException e) { throw new ModelException(e.getMessage() + ", or pass --no-onnx-twin", e); }
            return new TwinClassifier(forward, gradients);
        } catch (RuntimeException e) {
            try (ImageClassifier a = gradients; ImageClassifier b = forward) {
                throw e;
            }
        }
    }

    /**
     * A classifier opened on its first model call (see {@link DeferredClassifier}), for runs backed by the
     * result cache. Without classes in the sidecar the names come from the model, so it opens at once.
     */
    static ImageClassifier deferredClassifier(Path file, String option, Map<String, String> overrides, boolean twins) {
        Checked c = check(file, option, overrides);
        Format f = c.format();
        ModelSpec spec = c.spec();
        if (spec.classes().isEmpty()) return classifier(file, option, overrides, twins);
        return new DeferredClassifier(info(file, f, spec), f == Format.TORCHSCRIPT, () -> classifier(file, option, overrides, twins));
    }

    /** An embedder opened on its first call, for runs backed by the result cache. */
    static ImageEmbedder deferredEmbedder(Path file, String option, Map<String, String> overrides, boolean twins) {
        Checked c = check(file, option, overrides);
        Format f = c.format();
        ModelSpec spec = c.spec().withClasses(List.of());
        return new DeferredEmbedder(info(file, f, spec), () -> embedder(file, option, overrides, twins));
    }

    /** What the adapters report about a model, known from its file and sidecar alone. */
    private static ModelInfo info(Path file, Format format, ModelSpec spec) {
        String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return new ModelInfo(name, file.toString(), format.name().toLowerCase(Locale.ROOT), spec.height(), spec.width(), spec.classes());
    }

    /** The ONNX file beside a TorchScript model with the same base name, or null. */
    static Path onnxTwin(Path file) {
        if (formatOf(file) != Format.TORCHSCRIPT) return null;
        String n = file.getFileName().toString();
        Path twin = file.resolveSibling(n.substring(0, n.lastIndexOf('.')) + ".onnx");
        return Files.isRegularFile(twin) ? twin : null;
    }

    /**
     * What identifies a model's outputs in the result cache: its file's bytes (the manifest record's SHA-256,
     * so a large model is read once), its sidecar after overrides (preprocessing, classes), and the ONNX
     * twin's bytes when forward passes run on it.
     */
    static String cacheKey(RunManifest.ModelRecord record, Path file, Map<String, String> overrides, boolean twins) {
        Path twin = twins ? onnxTwin(file) : null;
        String text = record.sha256() + "\n" + ModelSpec.load(file, overrides).toJson() + "\n" + (twin == null ? "" : sha256(twin));
        return ContentHash.sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static ImageEmbedder embedder(Path file, String option, Map<String, String> overrides) {
        return embedder(file, option, overrides, false);
    }

    /** With {@code twins}, a TorchScript embedder with an ONNX twin runs on ONNX Runtime (it needs no gradients). */
    static ImageEmbedder embedder(Path file, String option, Map<String, String> overrides, boolean twins) {
        Checked c = check(file, option, overrides);
        Format f = c.format();
        ModelSpec spec = c.spec();
        Path twin = twins ? onnxTwin(file) : null;
        if (twin != null) return OnnxModels.embedder(twin, spec);
        return f == Format.ONNX ? OnnxModels.embedder(file, spec) : TorchScriptModels.embedder(file, spec);
    }

    static RunManifest.ModelRecord record(Path file, String option, Map<String, String> overrides) {
        ModelSpec spec = check(file, option, overrides).spec();
        return new RunManifest.ModelRecord(file.toString(), formatOf(file).name().toLowerCase(Locale.ROOT), sha256(file),
            spec.inputSize(), spec.classes());
    }

    /** SHA-256 of a model file, for the manifest and cache keys; an unreadable file names itself. */
    static String sha256(Path file) {
        try {
            return ContentHash.sha256(file);
        } catch (UncheckedIOException e) {
            throw new ModelException(e.getMessage());
        }
    }
}
