package io.imacs.demo;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.imacs.image.PixelImage;
import io.imacs.model.ModelSpec;
import java.util.List;

/**
 * The demo's networks, public so a model adapter can rebuild a block and load its parameters
 * from the cache ({@code Model.setBlock(DemoNets.classifier(k)); model.load(dir, "A")}).
 * Inputs are NCHW pixels normalised with {@link #MEAN}/{@link #STD} (written into every sidecar).
 */
public final class DemoNets {
    private DemoNets() {}

    /** Bumped whenever an architecture changes, so cached parameters of the old one are not reused. */
    public static final String VERSION = "nets-v2";
    public static final double MEAN = 0.5, STD = 0.25;
    /** The embedder's input side: grid-cell crops are resized to this. */
    public static final int EMBEDDER_INPUT = 32;
    public static final int EMBEDDING_DIM = 64;

    /**
     * Classifier for A, B and U: three 3x3 conv layers (16, 32, 64 channels) with ReLU and 2x2 max
     * pooling, global average pooling, one linear layer (the head of the paper's ResNet and Inception
     * models). An untrained network with this head responds to a blurred segment only through its
     * share of the average, as the paper's untrained model did (section 6.1); a global max-pool head
     * hangs on the single strongest random response and looks sensitive even untrained. Outputs logits.
     */
    public static SequentialBlock classifier(int classes) {
        SequentialBlock b = new SequentialBlock();
        for (int filters : new int[] {16, 32, 64}) {
            b.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
        return b.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(classes).build());
    }

    /**
     * The embedder's feature extractor (another architecture than the classifier): a 5x5 conv then
     * two 3x3 convs (24, 48, 64 channels) with average pooling, global average pooling to
     * {@link #EMBEDDING_DIM} features.
     */
    public static SequentialBlock embedderFeatures() {
        SequentialBlock b = new SequentialBlock()
            .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).optPadding(new Shape(2, 2)).setFilters(24).build())
            .add(Activation.reluBlock()).add(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
            .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(48).build())
            .add(Activation.reluBlock()).add(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
            .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(EMBEDDING_DIM).build())
            .add(Activation.reluBlock());
        return b.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
    }

    /** Features plus a linear head over the crop kinds; trained as a classifier, used for its features. */
    public static SequentialBlock embedder(int kinds) {
        return new SequentialBlock().add(embedderFeatures()).add(Linear.builder().setUnits(kinds).build());
    }

    /** The feature extractor inside a block built by {@link #embedder}. */
    public static SequentialBlock featuresOf(SequentialBlock embedder) {
        return (SequentialBlock) embedder.getChildren().get(0).getValue();
    }

    /** Sidecar for a classifier trained here: logits over {@code classes} at {@code size}x{@code size}. */
    public static ModelSpec classifierSpec(int size, List<String> classes) {
        return new ModelSpec(List.of(size, size), "NCHW", "RGB", 1.0, List.of(MEAN, MEAN, MEAN), List.of(STD, STD, STD),
            classes, "logits", null, null, null);
    }

    /** Sidecar for the embedder's feature model; {@code kinds} are the crop kinds it was trained on. */
    public static ModelSpec embedderSpec(List<String> kinds) {
        return new ModelSpec(List.of(EMBEDDER_INPUT, EMBEDDER_INPUT), "NCHW", "RGB", 1.0, List.of(MEAN, MEAN, MEAN),
            List.of(STD, STD, STD), kinds, "logits", null, null, "features");
    }

    /** Writes one image's normalised CHW values into {@code out} at {@code offset}. */
    static void normalise(PixelImage image, float[] out, int offset) {
        float[] a = image.chw();
        for (int i = 0; i < a.length; i++) out[offset + i] = (float) ((a[i] - MEAN) / STD);
    }
}
