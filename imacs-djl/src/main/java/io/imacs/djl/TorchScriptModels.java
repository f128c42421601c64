package io.imacs.djl;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import io.imacs.model.ImageEmbedder;
import io.imacs.model.ModelException;
import io.imacs.model.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point for TorchScript models (torch.jit.trace/script, saved in eval mode) over DJL's PyTorch
 * engine, offline. Classifiers give input gradients; each model is checked at load with one blank image.
 */
public final class TorchScriptModels {
    static { DjlEnvironment.offline(); }

    private TorchScriptModels() {}

    public static DjlClassifier classifier(Path file, ModelSpec spec) {
        ZooModel<NDList, NDList> model = load(file);
        try {
            return new DjlClassifier(gradientReady(model.getBlock()), model.getNDManager(), spec, file.toString(), "torchscript", model);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** A classifier configured by its sidecar ({@code a.pt} -> {@code a.json}). */
    public static DjlClassifier classifier(Path file) { return classifier(file, ModelSpec.load(file)); }

    public static ImageEmbedder embedder(Path file, ModelSpec spec) {
        ZooModel<NDList, NDList> model = load(file);
        try {
            return new DjlEmbedder(model.getBlock(), model.getNDManager(), spec, file.toString(), "torchscript", model);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public static ImageEmbedder embedder(Path file) { return embedder(file, ModelSpec.load(file)); }

    /** Input gradients only: parameters need none, which halves the backward pass. */
    private static Block gradientReady(Block block) {
        block.freezeParameters(true);
        return block;
    }

    private static ZooModel<NDList, NDList> load(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file))
            throw new ModelException(file + ": model file is missing or not readable; check the path");
        Criteria<NDList, NDList> criteria = Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(file.toAbsolutePath())
            .optEngine("PyTorch")
            // without trainParam the module is loaded for inference only and backward fails
            .optOption("trainParam", "true")
            .build();
        try {
            return criteria.loadModel();
        } catch (Exception e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("").trim();
            throw new ModelException(file + ": cannot load as TorchScript (" + msg + "); save it with "
                + "torch.jit.trace(model.eval(), example).save(...) and check the file is complete", e);
        }
    }
}
