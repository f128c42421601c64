package io.imacs.pipeline;

import io.imacs.image.PixelImage;
import io.imacs.model.Differentiable;
import io.imacs.model.Gradients;
import io.imacs.model.ImageClassifier;
import io.imacs.model.ImageEmbedder;
import io.imacs.model.ModelInfo;
import io.imacs.model.Output;
import io.imacs.model.Softmax;
import java.util.List;
import java.util.Optional;

/**
 * Pure-Java models for pipeline tests: a linear classifier whose logit for class k is a weighted mean of
 * channel k over the pixels it looks at (the whole image, or only the top-left quadrant), with exact
 * gradients; and an embedder that returns a crop's mean colour.
 */
final class LinearColourModels {
    static final List<String> CLASSES = List.of("red", "green", "blue");

    static final class Classifier implements ImageClassifier, Differentiable {
        private final String name;
        private final boolean quadrantOnly;
        private final float gain;
        private final List<String> classes;

        Classifier(String name, boolean quadrantOnly, float gain) {
            this(name, quadrantOnly, gain, CLASSES);
        }

        /** With other names for its three outputs, as a model trained on other classes. */
        Classifier(String name, boolean quadrantOnly, float gain, List<String> classes) {
            this.name = name;
            this.quadrantOnly = quadrantOnly;
            this.gain = gain;
            this.classes = classes;
        }

        private boolean sees(int x, int y, int w, int h) { return !quadrantOnly || (x < w / 2 && y < h / 2); }

        private int seen(int w, int h) { return quadrantOnly ? (w / 2) * (h / 2) : w * h; }

        @Override public ModelInfo info() { return new ModelInfo(name, name, "java", 16, 16, classes); }

        @Override public float[][] logits(List<PixelImage> batch) {
            float[][] out = new float[batch.size()][3];
            for (int b = 0; b < batch.size(); b++) {
                PixelImage im = batch.get(b);
                for (int c = 0; c < 3; c++) {
                    double s = 0;
                    for (int y = 0; y < im.height(); y++)
                        for (int x = 0; x < im.width(); x++) if (sees(x, y, im.width(), im.height())) s += im.get(c, y, x);
                    out[b][c] = (float) (gain * s / seen(im.width(), im.height()));
                }
            }
            return out;
        }

        @Override public float[][] probabilities(List<PixelImage> batch) {
            float[][] l = logits(batch);
            for (int i = 0; i < l.length; i++) l[i] = Softmax.of(l[i]);
            return l;
        }

        @Override public Optional<Differentiable> gradients() { return Optional.of(this); }

        @Override public Gradients gradients(List<PixelImage> batch, int[] classes, Output output) {
            float[][] p = output == Output.PROBABILITY ? probabilities(batch) : logits(batch);
            float[] values = new float[batch.size()];
            float[][] grads = new float[batch.size()][];
            for (int b = 0; b < batch.size(); b++) {
                PixelImage im = batch.get(b);
                int k = classes[b], w = im.width(), h = im.height(), n = seen(w, h);
                values[b] = p[b][k];
                float[] g = new float[im.size()];
                for (int c = 0; c < 3; c++) {
                    // d logit_c / d x = gain/n on seen pixels of channel c; softmax chain rule for probabilities
                    float coef = output == Output.LOGIT ? (c == k ? 1 : 0) : p[b][k] * ((c == k ? 1 : 0) - p[b][c]);
                    for (int y = 0; y < h; y++)
                        for (int x = 0; x < w; x++) if (sees(x, y, w, h)) g[c * w * h + y * w + x] = coef * gain / n;
                }
                grads[b] = g;
            }
            return new Gradients(values, grads);
        }

        @Override public void close() {}
    }

    static final class MeanColourEmbedder implements ImageEmbedder {
        @Override public ModelInfo info() { return new ModelInfo("mean-colour", "mean-colour", "java", 8, 8, List.of()); }

        @Override public float[][] embed(List<PixelImage> batch) {
            float[][] out = new float[batch.size()][3];
            for (int b = 0; b < batch.size(); b++) {
                PixelImage im = batch.get(b);
                for (int c = 0; c < 3; c++) {
                    double s = 0;
                    for (int i = 0; i < im.plane(); i++) s += im.chw()[c * im.plane() + i];
                    out[b][c] = (float) (s / im.plane());
                }
            }
            return out;
        }

        @Override public void close() {}
    }

    private LinearColourModels() {}
}
