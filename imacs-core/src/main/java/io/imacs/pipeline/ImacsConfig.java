package io.imacs.pipeline;

import io.imacs.cluster.EmbeddingNorm;
import io.imacs.image.ExclusionFill;
import io.imacs.model.Output;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every parameter of a comparison run. Written into the manifest, so a result says how it was made.
 *
 * @param targetClass        the class c the views are about
 * @param imagesPerModel     balanced sample size per model (paper: 100)
 * @param segmentsPerImage   M, the top segments scored per image (paper: 5)
 * @param clusters           k for k-means
 * @param seed               seeds sampling, noise and k-means
 * @param output             probability (paper) or logit
 * @param blurSigma          Gaussian sigma in working pixels; 0 = automatic (1/10 of the image side)
 * @param exclusion          the fill for excluded segments
 * @param batchSize          images per model call
 * @param imageSize          working resolution [H, W]; null = model A's input size
 * @param fillShortfalls     fill a short confusion cell from the other cells
 * @param attributionClasses "target" or "topk"
 * @param topK               classes scored with "topk"
 * @param restarts           k-means++ restarts
 * @param histogramBins      bins of every attribution histogram
 * @param sampling           how images are chosen: a balanced confusion matrix per model (paper default) or confident
 *                           disagreements between the models (paper section 5.4)
 * @param embeddingNorm      the space k-means clusters in: the embedder's own (default) or unit length
 */
public record ImacsConfig(String targetClass, int imagesPerModel, int segmentsPerImage, int clusters, long seed,
                          Output output, double blurSigma, ExclusionFill exclusion, int batchSize, int[] imageSize,
                          boolean fillShortfalls, String attributionClasses, int topK, int restarts, int histogramBins,
                          Sampling sampling, EmbeddingNorm embeddingNorm) {

    /** {@code balanced}, or {@code disagreement} with |p_A(c) - p_B(c)| >= threshold. */
    public record Sampling(String kind, double threshold) {
        public static final Sampling BALANCED = new Sampling("balanced", 0);

        public Sampling {
            if (!kind.equals("balanced") && !kind.equals("disagreement"))
                throw new IllegalArgumentException("--sampling " + kind + ": expected balanced or disagreement");
        }

        public boolean disagreement() { return kind.equals("disagreement"); }
    }

    public ImacsConfig {
        if (sampling == null) sampling = Sampling.BALANCED;
        if (embeddingNorm == null) embeddingNorm = EmbeddingNorm.NONE;
        // checked here, before any model pass, rather than when the stage that uses them starts
        if (clusters < 1) throw new IllegalArgumentException("--clusters must be at least 1, got " + clusters);
        if (imagesPerModel < (sampling.disagreement() ? 1 : 4))
            throw new IllegalArgumentException("--images-per-model must be at least " + (sampling.disagreement() ? 1 : 4)
                + (sampling.disagreement() ? "" : " (one per confusion cell)") + ", got " + imagesPerModel);
        if (topK < 1) throw new IllegalArgumentException("--top-k must be at least 1, got " + topK);
        if (restarts < 1) throw new IllegalArgumentException("--kmeans-restarts must be at least 1, got " + restarts);
        if (histogramBins < 1) throw new IllegalArgumentException("--histogram-bins must be at least 1, got " + histogramBins);
        if (segmentsPerImage < 1) throw new IllegalArgumentException("--segments-per-image must be at least 1, got " + segmentsPerImage);
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
        if (blurSigma < 0) throw new IllegalArgumentException("--blur-sigma must be >= 0 (0 = automatic), got " + blurSigma);
        if (!attributionClasses.equals("target") && !attributionClasses.equals("topk"))
            throw new IllegalArgumentException("--attribution-classes must be target or topk, got " + attributionClasses);
    }

    public static ImacsConfig defaults(String targetClass) {
        return new ImacsConfig(targetClass, 100, 5, 5, 0, Output.PROBABILITY, 0, ExclusionFill.BLUR, 32, null,
            false, "target", 5, 10, 20, Sampling.BALANCED, EmbeddingNorm.NONE);
    }

    public double sigmaFor(int width, int height) {
        return blurSigma > 0 ? blurSigma : Math.max(width, height) / 10.0;
    }

    /** The parameters as the manifest records them (sorted). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new TreeMap<>();
        m.put("targetClass", targetClass);
        m.put("imagesPerModel", imagesPerModel);
        m.put("segmentsPerImage", segmentsPerImage);
        m.put("clusters", clusters);
        m.put("seed", seed);
        m.put("output", output.name().toLowerCase());
        m.put("blurSigma", blurSigma);
        m.put("exclusion", exclusion.id());
        m.put("batchSize", batchSize);
        m.put("fillShortfalls", fillShortfalls);
        m.put("attributionClasses", attributionClasses);
        m.put("topK", topK);
        m.put("kmeansRestarts", restarts);
        m.put("embeddingNorm", embeddingNorm.id());
        m.put("histogramBins", histogramBins);
        m.put("sampling", sampling.disagreement() ? "disagreement >= " + sampling.threshold() : "balanced");
        return m;
    }
}
