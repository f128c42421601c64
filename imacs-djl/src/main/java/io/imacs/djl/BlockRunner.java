package io.imacs.djl;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.imacs.image.PixelImage;
import io.imacs.model.ModelException;
import io.imacs.model.ModelSpec;
import io.imacs.model.Preprocessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a DJL block on pixel-space batches as its sidecar says. Every call works in its own sub-manager
 * (closed at the end), so concurrent forward passes do not share arrays.
 */
final class BlockRunner {
    private final Block block;
    private final NDManager manager;
    private final Preprocessor pre;
    private final String source;
    /**
     * The TorchScript module, when the block is one; null for a block built in Java.
     *
     * <p>DJL ties two things together in {@code PtSymbolBlock.forward(..., training, ...)}: with
     * {@code training=false} the native forward runs under a no-grad guard (no input gradients), and with
     * {@code training=true} DJL first calls {@code module.train()}, which makes a scripted model's
     * BatchNorm normalise with the batch's statistics (and update its running statistics) and its Dropout
     * drop units at random. A traced model hides this (tracing bakes the mode into the graph); a scripted
     * one keeps {@code self.training} live. IMACS needs neither: it wants the eval-mode function with
     * autograd on. So the module is put in eval mode once ({@code JniUtils.enableInferenceMode}, i.e.
     * {@code module.eval()}) and gradient forwards call {@code IValueUtils.forward(module, inputs, true)}
     * directly: {@code true} there only lifts the no-grad guard, and nothing switches the mode back.
     */
    private final PtSymbolBlock module;

    BlockRunner(Block block, NDManager manager, ModelSpec spec, String source) {
        this.block = block;
        this.manager = manager;
        this.pre = new Preprocessor(spec.validated(source + " (model spec)"));
        this.source = source;
        this.module = block instanceof PtSymbolBlock pt ? pt : null;
        if (module != null) JniUtils.enableInferenceMode(module);
    }

    Preprocessor preprocessor() { return pre; }

    Block block() { return block; }

    ModelSpec spec() { return pre.spec(); }

    String source() { return source; }

    NDManager manager() { return manager; }

    /** The batch as the model's input array, created in {@code sub}. */
    NDArray input(NDManager sub, List<PixelImage> batch) {
        return sub.create(pre.toInput(batch), new Shape(pre.shape(batch.size())));
    }

    /**
     * Forward pass, always with the model in eval mode; {@code forGradients} keeps autograd on (the caller
     * holds a GradientCollector). A Java-built block records gradients in any forward, so it always runs
     * with {@code training=false}. Engine errors name the model.
     */
    NDList forward(NDArray input, boolean forGradients) {
        try {
            if (forGradients && module != null) return IValueUtils.forward(module, new NDList(input), true);
            return block.forward(new ParameterStore(input.getManager(), false), new NDList(input), false);
        } catch (EngineException | IllegalArgumentException | IllegalStateException e) {
            throw new ModelException(source + ": the model rejected an input of shape " + input.getShape() + " (" + engineReason(e)
                + "); check inputSize and layout in its sidecar", e);
        }
    }

    /** TorchScript errors start with an interpreter banner; the "...Error: reason" line says what went wrong. */
    static String engineReason(Exception e) {
        String m = e.getMessage();
        if (m == null) return e.getClass().getSimpleName();
        List<String> lines = m.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        return lines.stream().filter(l -> l.matches("^\\w*Error: .*")).reduce((a, b) -> b).orElse(lines.isEmpty() ? m : lines.get(0));
    }

    /** Inference: the chosen output, one flattened (4-D: average-pooled) row per image. */
    float[][] rows(List<PixelImage> batch, String output, String field) {
        if (batch.isEmpty()) return new float[0][];
        try (NDManager sub = manager.newSubManager()) {
            NDArray out = pick(forward(input(sub, batch), false), output, field);
            if (out.getShape().dimension() == 4)
                out = out.mean(spec().layout().equals("NCHW") ? new int[] {2, 3} : new int[] {1, 2});
            return split(out.reshape(batch.size(), -1).toFloatArray(), batch.size());
        }
    }

    /**
     * The output called {@code name}: null takes the first; names exist when the module returns a dict.
     * A module with one unnamed output accepts any name (TorchScript tensors carry none); a number picks
     * an unnamed output by position. Anything else lists what exists.
     */
    NDArray pick(NDList outputs, String name, String field) {
        if (name == null) return outputs.get(0);
        List<String> names = new ArrayList<>();
        for (NDArray a : outputs) {
            if (name.equals(a.getName())) return a;
            names.add(a.getName());
        }
        boolean unnamed = names.stream().allMatch(n -> n == null);
        if (unnamed && outputs.size() == 1) return outputs.get(0);
        if (unnamed && name.matches("\\d+") && Integer.parseInt(name) < outputs.size()) return outputs.get(Integer.parseInt(name));
        throw new ModelException(source + ": output '" + name + "' (" + field + " in its sidecar) does not exist; the model's outputs are "
            + (unnamed ? "unnamed, use 0.." + (outputs.size() - 1) : names.toString()));
    }

    static float[][] split(float[] flat, int n) {
        int per = flat.length / n;
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) rows[i] = Arrays.copyOfRange(flat, i * per, (i + 1) * per);
        return rows;
    }
}
