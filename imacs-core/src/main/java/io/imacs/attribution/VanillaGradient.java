package io.imacs.attribution;

import java.util.ArrayList;
import java.util.List;

/** The plain input gradient of the explained output (Simonyan et al.); the usual base for SmoothGrad. */
public final class VanillaGradient implements AttributionMethod {
    private final int batchSize;

    public VanillaGradient(int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("`batchSize` must be at least 1, got " + batchSize);
        this.batchSize = batchSize;
    }

    @Override public List<float[]> attribute(List<AttributionTask> tasks, GradientFunction model) {
        List<float[]> inputs = new ArrayList<>(tasks.size());
        int[] targets = new int[tasks.size()];
        for (int t = 0; t < tasks.size(); t++) { inputs.add(tasks.get(t).input()); targets[t] = tasks.get(t).target(); }
        return List.of(model.batched(inputs, targets, batchSize).gradients());
    }

    @Override public String describe() { return "gradient"; }
}
