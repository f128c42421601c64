package io.imacs.model;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.image.PixelImage;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The load-time probe on small analytic models: a pure model passes; batch dependence, state, a
 * gradient forward in another mode and wrong gradients are each refused with their own message.
 */
class ModelProbeTest {
    static final ModelInfo INFO = new ModelInfo("m", "m.pt", "test", 8, 8, List.of("a", "b"));

    /** logit_0 = sum(w * x) + shift, logit_1 = -logit_0, with w a fixed pattern; gradients analytic. */
    static class Linear implements ImageClassifier, Differentiable {
        final float[] w = new float[3 * 64];
        float shift;
        UnaryOperator<float[]> gradientEdit = g -> g;

        Linear() { for (int i = 0; i < w.length; i++) w[i] = (float) Math.cos(i * 0.37); }

        float logit(PixelImage x, List<PixelImage> batch) {
            double s = shift;
            for (int i = 0; i < w.length; i++) s += w[i] * x.chw()[i];
            return (float) s;
        }

        @Override public ModelInfo info() { return INFO; }
        @Override public float[][] probabilities(List<PixelImage> batch) { throw new UnsupportedOperationException(); }
        @Override public float[][] logits(List<PixelImage> batch) {
            float[][] out = new float[batch.size()][];
            for (int i = 0; i < out.length; i++) {
                float l = logit(batch.get(i), batch);
                out[i] = new float[] {l, -l};
            }
            return out;
        }
        @Override public Optional<Differentiable> gradients() { return Optional.of(this); }
        @Override public Gradients gradients(List<PixelImage> batch, int[] classes, Output output) {
            float[] values = new float[batch.size()];
            float[][] grads = new float[batch.size()][];
            for (int i = 0; i < values.length; i++) {
                float sign = classes[i] == 0 ? 1 : -1;
                values[i] = sign * logits(List.of(batch.get(i)))[0][0];
                float[] g = new float[w.length];
                for (int j = 0; j < g.length; j++) g[j] = sign * w[j];
                grads[i] = gradientEdit.apply(g);
            }
            return new Gradients(values, grads);
        }
        @Override public void close() {}
    }

    static String refused(ImageClassifier m) {
        ModelException e = assertThrows(ModelException.class, () -> ModelProbe.check(m));
        assertTrue(e.getMessage().startsWith("m.pt: "), e.getMessage());
        return e.getMessage();
    }

    @Test void aPureModelPasses() { assertDoesNotThrow(() -> ModelProbe.check(new Linear())); }

    @Test void batchStatisticsAreRefused() {
        Linear m = new Linear() {
            @Override float logit(PixelImage x, List<PixelImage> batch) {
                double mean = batch.stream().mapToDouble(b -> b.chw()[10]).average().orElse(0);
                return super.logit(x, batch) - (float) mean; // normalised with the batch's statistics
            }
        };
        assertTrue(refused(m).contains("depends on the other images in its batch"));
    }

    @Test void aForwardThatUpdatesStateIsRefused() {
        Linear m = new Linear() {
            @Override public float[][] logits(List<PixelImage> batch) { shift += 0.5f; return super.logits(batch); }
        };
        assertTrue(refused(m).contains("changes from one run to the next"));
    }

    @Test void aGradientPassThatUpdatesStateIsRefused() {
        Linear m = new Linear() {
            @Override public Gradients gradients(List<PixelImage> batch, int[] classes, Output output) {
                Gradients g = super.gradients(batch, classes, output);
                shift += 0.5f; // e.g. BatchNorm's running statistics updated by a training-mode forward
                return g;
            }
        };
        assertTrue(refused(m).contains("a gradient pass changed the model's later outputs"));
    }

    @Test void aGradientForwardInAnotherModeIsRefused() {
        Linear m = new Linear() {
            @Override public Gradients gradients(List<PixelImage> batch, int[] classes, Output output) {
                Gradients g = super.gradients(batch, classes, output);
                float[] v = g.values().clone();
                for (int i = 0; i < v.length; i++) v[i] *= 0.7f;
                return new Gradients(v, g.gradients());
            }
        };
        assertTrue(refused(m).contains("the forward pass behind the gradients"));
    }

    /** Gradients off by a third (as oneDNN's AVX-512 kernels gave on this project's machines) are caught by finite differences. */
    @Test void wrongGradientsAreRefused() {
        Linear m = new Linear();
        m.gradientEdit = g -> {
            float[] h = g.clone();
            for (int i = 0; i < h.length; i += 3) h[i] *= 2; // a third of the entries wrong
            return h;
        };
        String msg = refused(m);
        assertTrue(msg.contains("disagree with finite differences") && msg.contains("ONEDNN_MAX_CPU_ISA=SSE41"), msg);
    }

    @Test void anEmbedderThatDropsUnitsAtRandomIsRefused() {
        java.util.Random rnd = new java.util.Random(1);
        ImageEmbedder e = new ImageEmbedder() {
            @Override public ModelInfo info() { return INFO; }
            @Override public float[][] embed(List<PixelImage> batch) {
                float[][] out = new float[batch.size()][4];
                for (float[] row : out) for (int i = 0; i < row.length; i++) row[i] = rnd.nextBoolean() ? 1 : 0;
                return out;
            }
            @Override public void close() {}
        };
        ModelException ex = assertThrows(ModelException.class, () -> ModelProbe.check(e));
        assertTrue(ex.getMessage().contains("exported in training mode"), ex.getMessage());
    }
}
