package io.imacs.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Interprets a classifier's raw output rows as its sidecar says, with the checks every adapter applies,
 * so the ONNX and DJL adapters report the same problems in the same words.
 */
public final class ClassifierOutputs {
    private ClassifierOutputs() {}

    /**
     * Load-time check on the output of one blank image: finite values and as many columns as the
     * sidecar has classes. Returns the class names (class_0.. when the sidecar lists none).
     */
    public static List<String> checkAtLoad(float[][] blankOutput, ModelSpec spec, Path file) {
        Softmax.requireFinite(blankOutput, file.toString());
        int k = blankOutput[0].length;
        if (spec.classes().isEmpty()) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < k; i++) names.add("class_" + i);
            return names;
        }
        if (spec.classes().size() != k)
            throw new ModelException(file + ": the model outputs " + k + " classes but its sidecar "
                + ModelSpec.sidecarOf(file).getFileName() + " lists " + spec.classes().size() + " " + spec.classes()
                + "; make 'classes' list the model's classes in output order");
        return spec.classes();
    }

    /** Logits: the raw rows, or their logarithm for a model whose sidecar says it outputs probabilities. */
    public static float[][] logits(float[][] raw, ModelSpec spec, String model) {
        Softmax.requireFinite(raw, model);
        if (!spec.outputsProbabilities()) return raw;
        float[][] out = new float[raw.length][];
        for (int r = 0; r < raw.length; r++) {
            out[r] = new float[raw[r].length];
            for (int i = 0; i < raw[r].length; i++) out[r][i] = (float) Math.log(Math.max(raw[r][i], Float.MIN_NORMAL));
        }
        return out;
    }

    /** Probabilities: softmax of the raw rows, or the rows themselves for a probability-output model. */
    public static float[][] probabilities(float[][] raw, ModelSpec spec, String model) {
        Softmax.requireFinite(raw, model);
        if (spec.outputsProbabilities()) return raw;
        float[][] out = new float[raw.length][];
        for (int r = 0; r < raw.length; r++) out[r] = Softmax.of(raw[r]);
        return out;
    }
}
