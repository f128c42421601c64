package io.imacs.cli;

import io.imacs.djl.TorchScriptModels;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ImageEmbedder;
import io.imacs.model.ModelException;
import io.imacs.model.ModelSpec;
import io.imacs.onnx.OnnxModels;
import io.imacs.result.RunManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    static void requireReadable(Path file, String option) {
        if (!Files.isRegularFile(file)) throw new ModelException(option + " " + file + ": file not found");
        if (!Files.isReadable(file)) throw new ModelException(option + " " + file + ": file is not readable (check permissions)");
    }

    static ImageClassifier classifier(Path file, String option, Map<String, String> overrides) {
        requireReadable(file, option);
        Format f = formatOf(file);
        ModelSpec spec = ModelSpec.load(file, overrides);
        return f == Format.ONNX ? OnnxModels.classifier(file, spec) : TorchScriptModels.classifier(file, spec);
    }

    static ImageEmbedder embedder(Path file, String option, Map<String, String> overrides) {
        requireReadable(file, option);
        Format f = formatOf(file);
        ModelSpec spec = ModelSpec.load(file, overrides);
        return f == Format.ONNX ? OnnxModels.embedder(file, spec) : TorchScriptModels.embedder(file, spec);
    }

    static RunManifest.ModelRecord record(Path file, String option, Map<String, String> overrides) {
        requireReadable(file, option);
        formatOf(file);
        ModelSpec spec = ModelSpec.load(file, overrides);
        return new RunManifest.ModelRecord(file.toString(), formatOf(file).name().toLowerCase(Locale.ROOT), sha256(file),
            spec.inputSize(), spec.classes());
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new ModelException(file + ": cannot read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
