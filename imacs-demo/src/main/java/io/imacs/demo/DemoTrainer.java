package io.imacs.demo;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.imacs.image.PixelImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Plain DJL training and inference for the demo's blocks: softmax cross-entropy, Adam, a seeded
 * shuffle per epoch and seeded Xavier initialisation, so the same inputs give the same weights.
 * Initialisation and training run on {@link #TRAINING_THREADS} intra-op thread whatever the machine: PyTorch's CPU
 * kernels split reductions (a convolution's weight gradient sums over the batch) by thread, so the float rounding,
 * and after a few hundred Adam steps the weights, would otherwise depend on the core count.
 */
public final class DemoTrainer {
    private DemoTrainer() {}

    /** Intra-op threads while initialising and training: one thread has a single reduction order on every machine. */
    public static final int TRAINING_THREADS = 1;

    /**
     * Loss of every step, in order, and how many steps were skipped because the loss or a gradient was not finite
     * (a skipped step leaves the weights as they were; its loss is still listed).
     */
    public record History(List<Float> stepLosses, int stepsPerEpoch, int skippedSteps) {
        public History { stepLosses = List.copyOf(stepLosses); }

        /** Mean loss of the epoch's steps that were taken (skipped steps have no meaningful loss). */
        public double meanOfEpoch(int epoch) {
            return stepLosses.subList(epoch * stepsPerEpoch, (epoch + 1) * stepsPerEpoch).stream().filter(Float::isFinite)
                .mapToDouble(Float::doubleValue).average().orElse(Double.NaN);
        }
    }

    static {
        // DJL must never try to download anything; natives come from the classpath.
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    /** A fresh model holding {@code block}, initialised with Xavier weights from {@code seed}. */
    public static Model initialise(String name, Block block, Shape input, long seed) {
        Model model = Model.newInstance(name, "PyTorch");
        model.setBlock(block);
        return pinnedThreads(() -> {
            Engine.getInstance().setRandomSeed((int) seed);
            block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            block.initialize(model.getNDManager(), DataType.FLOAT32, input);
            return model;
        });
    }

    /** Runs {@code work} on {@link #TRAINING_THREADS} intra-op threads, then restores the caller's setting. */
    static <T> T pinnedThreads(java.util.function.Supplier<T> work) {
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(TRAINING_THREADS);
        try {
            return work.get();
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    /**
     * Trains an initialised model in place on {@code images} (all of one size) and their labels.
     * Returns the loss of every step.
     */
    public static History train(Model model, List<PixelImage> images, int[] labels, TrainingParams p, int epochs, long seed) {
        return pinnedThreads(() -> trainPinned(model, images, labels, p, epochs, seed));
    }

    private static History trainPinned(Model model, List<PixelImage> images, int[] labels, TrainingParams p, int epochs, long seed) {
        if (images.size() != labels.length || images.isEmpty()) throw new IllegalArgumentException("need one label per image and at least one image");
        PixelImage first = images.get(0);
        int n = images.size(), per = first.size(), steps = (n + p.batchSize() - 1) / p.batchSize();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
            .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(p.learningRate())).build());
        List<Float> losses = new ArrayList<>();
        int skipped = 0;
        boolean finite;
        Random order = new Random(seed);
        try (Trainer trainer = model.newTrainer(config)) {
            int[] idx = java.util.stream.IntStream.range(0, n).toArray();
            for (int e = 0; e < epochs; e++) {
                shuffle(idx, order);
                for (int s = 0; s < steps; s++) {
                    int from = s * p.batchSize(), to = Math.min(n, from + p.batchSize()), b = to - from;
                    float[] x = new float[b * per];
                    float[] y = new float[b];
                    for (int i = 0; i < b; i++) {
                        DemoNets.normalise(images.get(idx[from + i]), x, i * per);
                        y[i] = labels[idx[from + i]];
                    }
                    try (NDManager m = trainer.getManager().newSubManager();
                         GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray input = m.create(x, new Shape(b, 3, first.height(), first.width()));
                        NDArray logits = trainer.forward(new NDList(input)).singletonOrThrow();
                        NDArray loss = trainer.getLoss().evaluate(new NDList(m.create(y)), new NDList(logits));
                        gc.backward(loss);
                        losses.add(loss.getFloat());
                        finite = Float.isFinite(loss.getFloat()) && finiteGradients(model);
                    }
                    // one non-finite step would make every weight NaN for good (as libtorch's AVX2/AVX-512 oneDNN kernels did
                    // on this project's CPU before ./imacs capped ONEDNN_MAX_CPU_ISA); skip it and start from zero gradients
                    if (finite) trainer.step();
                    else {
                        skipped++;
                        clearGradients(model);
                    }
                }
            }
        }
        return new History(losses, steps, skipped);
    }

    private static boolean finiteGradients(Model model) {
        for (Parameter p : model.getBlock().getParameters().values()) {
            NDArray g = p.getArray().getGradient();
            if (g.isNaN().any().getBoolean() || g.isInfinite().any().getBoolean()) return false;
        }
        return true;
    }

    private static void clearGradients(Model model) {
        for (Parameter p : model.getBlock().getParameters().values()) {
            NDArray g = p.getArray().getGradient();
            g.set(java.nio.FloatBuffer.wrap(new float[Math.toIntExact(g.size())]));
        }
    }

    /** Raw block outputs (logits or features) for a batch of same-sized images, in inference mode. */
    public static float[][] forward(Model model, Block block, List<PixelImage> images) {
        int batch = 128;
        float[][] out = new float[images.size()][];
        for (int from = 0; from < images.size(); from += batch) {
            int to = Math.min(images.size(), from + batch), b = to - from, per = images.get(from).size();
            float[] x = new float[b * per];
            for (int i = 0; i < b; i++) DemoNets.normalise(images.get(from + i), x, i * per);
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDArray input = m.create(x, new Shape(b, 3, images.get(from).height(), images.get(from).width()));
                NDArray o = block.forward(new ParameterStore(m, false), new NDList(input), false).singletonOrThrow();
                int k = (int) o.getShape().get(1);
                float[] flat = o.toFloatArray();
                for (int i = 0; i < b; i++) out[from + i] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
            }
        }
        return out;
    }

    /** Index of the largest output of each image. */
    public static int[] predict(Model model, List<PixelImage> images) {
        float[][] logits = forward(model, model.getBlock(), images);
        int[] out = new int[logits.length];
        for (int i = 0; i < logits.length; i++)
            for (int c = 1; c < logits[i].length; c++) if (logits[i][c] > logits[i][out[i]]) out[i] = c;
        return out;
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1), t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
