package io.imacs.pipeline;

import io.imacs.cluster.EmbeddingNorm;
import io.imacs.image.ExclusionFill;
import io.imacs.model.Output;
import io.imacs.sample.SamplingKind;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every parameter of a comparison run, as the pipeline reads it. Written into the manifest, so a result says how it
 * was made. Built by {@link io.imacs.comparison.Analysis#config}, where each option's default and accepted values
 * are declared ({@link io.imacs.comparison.AnalysisOptions}).
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
 * @param attributionClasses the target only, or also the image's top-k classes
 * @param topK               classes scored with {@link AttributionClasses#TOPK}
 * @param restarts           k-means++ restarts
 * @param histogramBins      bins of every attribution histogram
 * @param sampling           how images are chosen: a balanced confusion matrix per model (paper default) or confident
 *                           disagreements between the models (paper section 5.4)
 * @param embeddingNorm      the space k-means clusters in: the embedder's own (default) or unit length
 */
public record ImacsConfig(String targetClass, int imagesPerModel, int segmentsPerImage, int clusters, long seed,
                          Output output, double blurSigma, ExclusionFill exclusion, int batchSize, int[] imageSize,
                          boolean fillShortfalls, AttributionClasses attributionClasses, int topK, int restarts, int histogramBins,
                          Sampling sampling, EmbeddingNorm embeddingNorm) {

    /** {@link SamplingKind#BALANCED}, or {@link SamplingKind#DISAGREEMENT} with |p_A(c) - p_B(c)| >= threshold. */
    public record Sampling(SamplingKind kind, double threshold) {
        public static final Sampling BALANCED = new Sampling(SamplingKind.BALANCED, 0);

        public boolean disagreement() { return kind == SamplingKind.DISAGREEMENT; }
    }

    public ImacsConfig {
        if (sampling == null) sampling = Sampling.BALANCED;
        if (embeddingNorm == null) embeddingNorm = EmbeddingNorm.NONE;
        if (attributionClasses == null) attributionClasses = AttributionClasses.TARGET;
        // the one check that spans two options; each option's own range is declared with it (AnalysisOptions)
        if (imagesPerModel < (sampling.disagreement() ? 1 : 4))
            throw new IllegalArgumentException("`imagesPerModel` must be at least " + (sampling.disagreement() ? 1 : 4)
                + (sampling.disagreement() ? "" : " (one per confusion cell)") + ", got " + imagesPerModel);
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
        m.put("attributionClasses", attributionClasses.name().toLowerCase(Locale.ROOT));
        m.put("topK", topK);
        m.put("kmeansRestarts", restarts);
        m.put("embeddingNorm", embeddingNorm.id());
        m.put("histogramBins", histogramBins);
        m.put("sampling", sampling.disagreement() ? "disagreement >= " + sampling.threshold() : "balanced");
        return m;
    }
}
