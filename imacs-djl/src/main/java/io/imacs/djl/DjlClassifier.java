package io.imacs.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.imacs.image.PixelImage;
import io.imacs.model.ClassifierOutputs;
import io.imacs.model.Differentiable;
import io.imacs.model.Gradients;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ModelInfo;
import io.imacs.model.ModelProbe;
import io.imacs.model.ModelSpec;
import io.imacs.model.Output;
import io.imacs.model.Softmax;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A classifier over any DJL block (TorchScript, or a network built and trained in Java) with batched
 * input gradients in pixel space. Forward passes may run concurrently; gradient calls are serialised,
 * since DJL allows one GradientCollector per process.
 */
public final class DjlClassifier implements ImageClassifier, Differentiable {
    static { DjlEnvironment.offline(); }

    /**
     * Gradient calls run at least this many images. libtorch's CPU kernels (oneDNN) compute a batch of 1-3 images
     * with other kernels than a larger one, which round differently (about 1e-6 of the gradient); Guided IG's
     * feature selection turns that into other rankings (issue 14: {@code --batch-size 1} and 32 ranked some
     * segments differently). From 4 images on, an image's gradient is the same bits in any batch, so smaller calls
     * are padded with copies of their first image: the batch size cannot change a result.
     */
    static final int MIN_GRADIENT_BATCH = 4;

    /** One GradientCollector per process (DJL): every gradient call in every instance takes this lock. */
    private static final Object GRADIENT_LOCK = new Object();

    private final BlockRunner runner;
    private final ModelInfo info;
    private final AutoCloseable owned;
    /**
     * Parameters that want gradients (a block built or trained in Java; TorchScript models are frozen at load).
     * Gradient calls want the input's gradient only: these are frozen for the length of each call, so backward
     * neither computes weight gradients nor allocates buffers for them, and left as the caller had them after.
     */
    private final List<Parameter> unfrozen;

    /**
     * @param source name of the model in messages and {@link ModelInfo#path()} (its file, or a description)
     * @param owned  closed with this classifier (the model or manager it was made for), or null
     */
    DjlClassifier(Block block, NDManager manager, ModelSpec spec, String source, String format, AutoCloseable owned) {
        this.runner = new BlockRunner(block, manager, spec, source);
        this.owned = owned;
        this.unfrozen = block.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
        // one blank image validates input shape, class count and finiteness before the user's data runs
        PixelImage blank = PixelImage.filled(spec.width(), spec.height(), 0.5f);
        List<String> classes = ClassifierOutputs.checkAtLoad(raw(List.of(blank)), spec, Path.of(source));
        String base = Path.of(source).getFileName().toString().replaceFirst("\\.[^.]*$", "");
        this.info = new ModelInfo(base, source, format, spec.height(), spec.width(), classes);
        ModelProbe.check(this);
    }

    /** A classifier over a model the caller keeps and closes (its block and manager are used). */
    public static DjlClassifier of(Model model, ModelSpec spec) {
        String source = model.getModelPath() == null ? model.getName() : model.getModelPath().resolve(model.getName()).toString();
        return new DjlClassifier(model.getBlock(), model.getNDManager(), spec, source, "djl", null);
    }

    /**
     * A classifier over an initialised block, e.g. one built and trained in Java. The block is not
     * closed, and frozen only for the length of a gradient call; per-call arrays live in a manager this classifier owns.
     */
    public static DjlClassifier of(Block block, ModelSpec spec, String name) {
        NDManager manager = NDManager.newBaseManager();
        try {
            return new DjlClassifier(block, manager, spec, name, "djl", manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private float[][] raw(List<PixelImage> batch) { return runner.rows(batch, runner.spec().outputName(), "outputName"); }

    @Override public ModelInfo info() { return info; }

    @Override public float[][] probabilities(List<PixelImage> batch) {
        return ClassifierOutputs.probabilities(raw(batch), runner.spec(), info.path());
    }

    @Override public float[][] logits(List<PixelImage> batch) {
        return ClassifierOutputs.logits(raw(batch), runner.spec(), info.path());
    }

    @Override public Optional<Differentiable> gradients() { return Optional.of(this); }

    /** d(output of classes[i])/d(pixels of image i), all images in one forward and one backward pass. */
    @Override public Gradients gradients(List<PixelImage> batch, int[] classes, Output output) {
        int n = batch.size(), k = info.classNames().size();
        if (classes.length != n) throw new IllegalArgumentException("classes: need one per image, got " + classes.length + " for " + n);
        for (int c : classes)
            if (c < 0 || c >= k) throw new IllegalArgumentException("classes: " + c + " is not a class index of " + info.name() + " (0.." + (k - 1) + ")");
        if (n == 0) return new Gradients(new float[0], new float[0][]);
        // padded to MIN_GRADIENT_BATCH with copies of the first image; only the first n rows are returned
        int m = Math.max(n, MIN_GRADIENT_BATCH);
        List<PixelImage> run = batch;
        int[] cls = classes;
        if (m > n) {
            run = new ArrayList<>(batch);
            cls = Arrays.copyOf(classes, m);
            for (int i = n; i < m; i++) {
                run.add(batch.get(0));
                cls[i] = classes[0];
            }
        }
        float[] values, inputGrad;
        synchronized (GRADIENT_LOCK) {
            unfrozen.forEach(p -> p.freeze(true));
            try (NDManager sub = runner.manager().newSubManager();
                 GradientCollector collector = sub.getEngine().newGradientCollector()) {
                NDArray x = runner.input(sub, run);
                x.setRequiresGradient(true);
                NDArray out = runner.pick(runner.forward(x, true), runner.spec().outputName(), "outputName").reshape(m, k);
                NDArray explained = explained(out, output);
                float[] hot = new float[m * k];
                for (int i = 0; i < m; i++) hot[i * k + cls[i]] = 1f;
                NDArray value = explained.mul(sub.create(hot, new Shape(m, k))).sum(new int[] {1});
                // images do not interact in an eval-mode model, so d(sum)/dx_i = d(value_i)/dx_i
                collector.backward(value.sum());
                values = Arrays.copyOf(value.toFloatArray(), n);
                inputGrad = x.getGradient().toFloatArray();
            } finally {
                unfrozen.forEach(p -> p.freeze(false));
            }
        }
        Softmax.requireFinite(new float[][] {values}, info.path());
        float[][] grads = new float[n][];
        for (int i = 0; i < n; i++) grads[i] = runner.preprocessor().toPixelGradient(inputGrad, i, batch.get(i));
        return new Gradients(values, grads);
    }

    /** The differentiated quantity as a function of the raw output, matching logits()/probabilities(). */
    private NDArray explained(NDArray raw, Output output) {
        boolean probs = runner.spec().outputsProbabilities();
        if (output == Output.PROBABILITY) return probs ? raw : raw.softmax(1);
        return probs ? raw.maximum(Float.MIN_NORMAL).log() : raw;
    }

    /** The block's parameters, for tests that check what a gradient call leaves on them. */
    List<Parameter> parameters() { return runner.block().getParameters().values(); }

    @Override public void close() {
        if (owned == null) return;
        try { owned.close(); }
        catch (Exception e) { throw new IllegalStateException(info.path() + ": cannot close: " + e.getMessage(), e); }
    }
}
