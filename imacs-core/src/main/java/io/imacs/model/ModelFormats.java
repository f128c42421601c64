package io.imacs.model;

import io.imacs.cache.ContentHash;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Opens a user's model file with the installed {@link ModelFormat} its name ends with, and owns what sits around
 * every format: the sidecar, the ONNX twin that runs a differentiable model's forward passes, and deferred opening
 * for runs answered from the result cache. Errors name the file and, in backquotes, the option key that named it
 * ({@code `modelA`}).
 */
public final class ModelFormats {
    private final List<ModelFormat> formats;

    public ModelFormats(List<ModelFormat> formats) {
        this.formats = List.copyOf(formats);
    }

    /** The formats on the class path (imacs-onnx and imacs-djl register theirs). */
    public static ModelFormats installed() {
        List<ModelFormat> found = new ArrayList<>();
        ServiceLoader.load(ModelFormat.class, ModelFormats.class.getClassLoader()).forEach(found::add);
        return new ModelFormats(found);
    }

    public List<ModelFormat> formats() { return formats; }

    /** The format whose extension {@code file} has. */
    public ModelFormat formatOf(Path file, String key) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (ModelFormat f : formats) for (String ext : f.extensions()) if (n.endsWith(ext)) return f;
        List<String> known = formats.stream().map(f -> f.name() + " (" + String.join(", ", f.extensions()) + ")").toList();
        throw new ModelException("`" + key + "` " + file + ": unknown model format; " + (known.isEmpty()
            ? "no model format is installed: put imacs-onnx or imacs-djl on the class path"
            : "use " + String.join(" or ", known)));
    }

    /** A model file the user named, checked in the order a user would fix it: exists, known format, sidecar. */
    private record Checked(ModelFormat format, ModelSpec spec) {}

    /**
     * The checks opening makes before it loads anything: the file is there and readable, of a known format, with a
     * usable sidecar (and {@code overrides}); the same messages.
     */
    public void requireUsable(Path file, String key, Map<String, String> overrides) {
        check(file, key, overrides);
    }

    private Checked check(Path file, String key, Map<String, String> overrides) {
        requireReadable(file, key);
        ModelFormat f = formatOf(file, key);
        return new Checked(f, ModelSpec.load(file, overrides));
    }

    private static void requireReadable(Path file, String key) {
        if (!Files.isRegularFile(file)) throw new ModelException("`" + key + "` " + file + ": file not found");
        if (!Files.isReadable(file)) throw new ModelException("`" + key + "` " + file + ": file is not readable (check permissions)");
    }

    /**
     * With {@code twins}, a model of a format with gradients that has a forward-twin file of the same base name
     * beside it runs its forward passes on the twin and only its gradients on its own format ({@link TwinClassifier}).
     */
    public ImageClassifier classifier(Path file, String key, Map<String, String> overrides, boolean twins) {
        Checked c = check(file, key, overrides);
        Path twin = twins ? forwardTwin(file) : null;
        if (twin == null) return c.format().classifier(file, c.spec());
        // the named file first: a problem with the model the user named is reported against it
        ImageClassifier gradients = c.format().classifier(file, c.spec());
        ImageClassifier forward = null;
        try {
            forward = twinOpened(file, twin, () -> formatOf(twin, key).classifier(twin, c.spec()));
            try { ModelProbe.checkTwins(forward, gradients); }
            catch (ModelException e) { throw new ModelException(e.getMessage() + ", or turn ONNX twins off (`onnxTwins`)", e); }
            return new TwinClassifier(forward, gradients);
        } catch (RuntimeException e) {
            try (ImageClassifier a = gradients; ImageClassifier b = forward) {
                throw e;
            }
        }
    }

    /**
     * A classifier opened on its first model call ({@link DeferredClassifier}), for runs backed by the result cache.
     * Without classes in the sidecar the names come from the model, so it opens at once.
     */
    public ImageClassifier deferredClassifier(Path file, String key, Map<String, String> overrides, boolean twins) {
        Checked c = check(file, key, overrides);
        if (c.spec().classes().isEmpty()) return classifier(file, key, overrides, twins);
        return new DeferredClassifier(info(file, c.format(), c.spec()), c.format().gradients(), () -> classifier(file, key, overrides, twins));
    }

    /** With {@code twins}, an embedder with a forward twin runs on it (an embedder needs no gradients). */
    public ImageEmbedder embedder(Path file, String key, Map<String, String> overrides, boolean twins) {
        Checked c = check(file, key, overrides);
        Path twin = twins ? forwardTwin(file) : null;
        return twin != null ? twinOpened(file, twin, () -> formatOf(twin, key).embedder(twin, c.spec())) : c.format().embedder(file, c.spec());
    }

    /**
     * Opens a forward twin; a problem with it says which file the user named, since the message names the twin
     * ({@code truncated.onnx} for {@code --embedder truncated.pt}), and how to do without it.
     */
    private static <M> M twinOpened(Path file, Path twin, java.util.function.Supplier<M> open) {
        try {
            return open.get();
        } catch (ModelException e) {
            throw new ModelException(e.getMessage() + " (" + twin.getFileName() + " is the forward twin of " + file
                + ", found beside it; fix or remove it, or turn ONNX twins off (`onnxTwins`))", e);
        }
    }

    /** An embedder opened on its first call, for runs backed by the result cache. */
    public ImageEmbedder deferredEmbedder(Path file, String key, Map<String, String> overrides, boolean twins) {
        Checked c = check(file, key, overrides);
        return new DeferredEmbedder(info(file, c.format(), c.spec().withClasses(List.of())), () -> embedder(file, key, overrides, twins));
    }

    /** What the adapters report about a model, known from its file and sidecar alone. */
    private static ModelInfo info(Path file, ModelFormat format, ModelSpec spec) {
        String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return new ModelInfo(name, file.toString(), format.name(), spec.height(), spec.width(), spec.classes());
    }

    /** The forward-twin file beside a model with gradients (same base name), or null. */
    public Path forwardTwin(Path file) {
        ModelFormat own = formatOf(file, "model");
        if (!own.gradients()) return null;
        String n = file.getFileName().toString();
        String base = n.substring(0, n.lastIndexOf('.'));
        for (ModelFormat f : formats)
            if (f != own && f.forwardTwin())
                for (String ext : f.extensions()) {
                    Path twin = file.resolveSibling(base + ext);
                    if (Files.isRegularFile(twin)) return twin;
                }
        return null;
    }

    /** The format and sidecar (after overrides) of a model file, checked as opening it would. */
    public ModelSpec spec(Path file, String key, Map<String, String> overrides) {
        return check(file, key, overrides).spec();
    }

    /**
     * What identifies a model's outputs in the result cache: its file's bytes (the manifest record's SHA-256, so a
     * large model is read once), its sidecar after overrides (preprocessing, classes), and the twin's bytes when
     * forward passes run on it.
     */
    public String cacheKey(String sha256, Path file, Map<String, String> overrides, boolean twins) {
        return cacheKey(sha256, file, overrides, twins, ModelFormats::sha256);
    }

    /** As above, hashing the twin with {@code hash} (e.g. a run's {@link io.imacs.cache.FileHashes}). */
    public String cacheKey(String sha256, Path file, Map<String, String> overrides, boolean twins, java.util.function.Function<Path, String> hash) {
        Path twin = twins ? forwardTwin(file) : null;
        String text = sha256 + "\n" + ModelSpec.load(file, overrides).toJson() + "\n" + (twin == null ? "" : hash.apply(twin));
        return ContentHash.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of a model file, for the manifest and cache keys; an unreadable file names itself. */
    public static String sha256(Path file) {
        try {
            return ContentHash.sha256(file);
        } catch (UncheckedIOException e) {
            throw new ModelException(e.getMessage());
        }
    }
}
