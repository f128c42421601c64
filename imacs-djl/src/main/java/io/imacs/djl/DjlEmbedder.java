package io.imacs.djl;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.imacs.image.PixelImage;
import io.imacs.model.ImageEmbedder;
import io.imacs.model.ModelInfo;
import io.imacs.model.ModelProbe;
import io.imacs.model.ModelSpec;
import io.imacs.model.Softmax;
import java.nio.file.Path;
import java.util.List;

/** An embedder over a DJL block: the featureOutput, flattened per image (4-D maps average-pooled). */
final class DjlEmbedder implements ImageEmbedder {
    private final BlockRunner runner;
    private final ModelInfo info;
    private final AutoCloseable owned;

    DjlEmbedder(Block block, NDManager manager, ModelSpec spec, String source, String format, AutoCloseable owned) {
        this.runner = new BlockRunner(block, manager, spec, source);
        this.owned = owned;
        embed(List.of(PixelImage.filled(spec.width(), spec.height(), 0.5f))); // validates shape, output name, finiteness
        String base = Path.of(source).getFileName().toString().replaceFirst("\\.[^.]*$", "");
        this.info = new ModelInfo(base, source, format, spec.height(), spec.width(), List.of());
        ModelProbe.check(this);
    }

    @Override public ModelInfo info() { return info; }

    @Override public float[][] embed(List<PixelImage> batch) {
        float[][] rows = runner.rows(batch, runner.spec().featureOutput(), "featureOutput");
        Softmax.requireFinite(rows, runner.source());
        return rows;
    }

    @Override public void close() {
        if (owned == null) return;
        try { owned.close(); }
        catch (Exception e) { throw new IllegalStateException(runner.source() + ": cannot close: " + e.getMessage(), e); }
    }
}
