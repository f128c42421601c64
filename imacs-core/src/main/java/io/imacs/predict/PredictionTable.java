package io.imacs.predict;

import io.imacs.model.Role;
import java.util.List;

/**
 * One model's class probabilities on the usable evaluation images (rows aligned with the image list).
 */
public record PredictionTable(Role model, List<String> classNames, float[][] probabilities) {

    public int predicted(int image) {
        float[] p = probabilities[image];
        int best = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
        return best;
    }

    public String predictedClass(int image) { return classNames.get(predicted(image)); }

    public float probability(int image, int classIndex) { return probabilities[image][classIndex]; }

    public int size() { return probabilities.length; }
}
