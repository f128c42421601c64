package io.imacs.demo;

import io.imacs.image.PixelImage;
import io.imacs.model.ImageEmbedder;
import io.imacs.model.ModelInfo;
import java.util.List;

/** The demo's embedder E as the pipeline's {@link ImageEmbedder}; the models stay owned by {@link DemoModels}. */
public record DemoEmbedder(DemoModels models) implements ImageEmbedder {
    @Override public ModelInfo info() {
        DemoModels.DemoModel e = models.e();
        return new ModelInfo("E", e.paramsFile().toString(), "djl", e.spec().height(), e.spec().width(), List.of());
    }

    @Override public float[][] embed(List<PixelImage> batch) { return models.embed(batch); }

    @Override public void close() {}
}
