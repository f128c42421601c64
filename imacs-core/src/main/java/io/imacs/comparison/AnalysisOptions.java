package io.imacs.comparison;

import io.imacs.attribution.PathSteps;
import io.imacs.cluster.EmbeddingNorm;
import io.imacs.image.ExclusionFill;
import io.imacs.model.Output;
import io.imacs.pipeline.AttributionClasses;
import io.imacs.sample.SamplingKind;
import java.util.List;

/**
 * Every analysis option of a comparison, each declared once (key, default, accepted values, description). The
 * command line's {@code compare}, {@code bench} and {@code demo} make their flags from this list, so a default
 * cannot differ between them or between the command line and Java.
 */
public final class AnalysisOptions {
    private AnalysisOptions() {}

    public static final AnalysisOption<Integer> IMAGES_PER_MODEL = AnalysisOption.atLeast("imagesPerModel", 100, 1, "N",
        "Images sampled per model: with `sampling` balanced N/4 each of TP, FP, FN, TN (at least 4; the paper's 100), with disagreement up to N.");
    public static final AnalysisOption<SamplingKind> SAMPLING = AnalysisOption.choice("sampling", SamplingKind.class, SamplingKind.BALANCED,
        "balanced: N/4 per confusion cell per model (paper default); disagreement: up to N images where the models disagree, |p_A(c) - p_B(c)| >= `disagreement`, the same images for both (paper section 5.4).");
    public static final AnalysisOption<Double> DISAGREEMENT = AnalysisOption.between("disagreement", 0.5, 0, 1, "T",
        "Threshold of `sampling` disagreement.");
    public static final AnalysisOption<Boolean> FILL = AnalysisOption.flag("fill",
        "Fill a confusion cell that has too few images from the other cells (default: take what there is and report it).");
    public static final AnalysisOption<Integer> SEGMENTS_PER_IMAGE = AnalysisOption.atLeast("segmentsPerImage", 5, 1, "M",
        "Top-M segments per image scored with Shapley values. Exact Shapley up to 10, sampled above.");
    public static final AnalysisOption<Segmentation> SEGMENTATION = AnalysisOption.choice("segmentation", Segmentation.class, Segmentation.AUTO,
        "auto = grid, the paper's G x G (one attribution by an XRAI method: XRAI's own regions); slic = BoofCV superpixels; felzenszwalb = XRAI's multi-scale regions (one attribution only).");
    public static final AnalysisOption<Integer> GRID = AnalysisOption.atLeast("grid", 4, 1, "G", "Grid segmentation G x G (N = G^2 segments).");
    public static final AnalysisOption<Integer> SLIC_SEGMENTS = AnalysisOption.atLeast("slicSegments", 16, 1, "N", "Approximate SLIC segments per image.");
    public static final AnalysisOption<Integer> CLUSTERS = AnalysisOption.atLeast("clusters", 5, 1, "K", "k for k-means over both models' segments.");
    public static final AnalysisOption<Long> SEED = AnalysisOption.anyLong("seed", 0, "S", "Seed for sampling, noise and k-means.");
    public static final AnalysisOption<Output> OUTPUT = AnalysisOption.choice("output", Output.class, Output.PROBABILITY,
        "What attributions explain: the softmax probability of the class (paper) or its logit.");
    public static final AnalysisOption<RankMethod> RANK_METHOD = AnalysisOption.choice("rankMethod", RankMethod.class, RankMethod.AUTO,
        "Segment ranking, the same for both models: auto (xrai-gig when both models have gradients, occlusion for both otherwise), xrai-gig (paper: XRAI over Guided IG), gig (Guided IG mass), ig (Integrated Gradients mass), occlusion.");
    public static final AnalysisOption<PathSteps> IG_STEPS = AnalysisOption.pathSteps("igSteps", new PathSteps.Fixed(32),
        "Integrated Gradients steps; auto: 8 first, doubled for an image (up to 32) while its completeness gap is above 1 or, after a doubling, its top-M segments changed (docs/attribution.md).");
    public static final AnalysisOption<PathSteps> GIG_STEPS = AnalysisOption.pathSteps("gigSteps", new PathSteps.Fixed(32),
        "Guided IG steps, fraction 0.25 and max_dist 0.02 as the reference (chosen for CPU cost); auto as `igSteps`.");
    public static final AnalysisOption<ExclusionFill> EXCLUSION = AnalysisOption.choice("exclusion", ExclusionFill.class, ExclusionFill.BLUR,
        "What replaces an excluded segment in Shapley coalitions and occlusion (blur is the paper's). Blur keeps a region's colour: a model that relies on colour (a background hue, say) looks indifferent to that region under blur; mean, grey or noise remove the colour and catch it.");
    public static final AnalysisOption<Double> BLUR_SIGMA = AnalysisOption.between("blurSigma", 0, 0, Double.MAX_VALUE, "PIXELS",
        "Gaussian blur sigma in working-resolution pixels; 0 = 1/10 of the image side.");
    public static final AnalysisOption<Integer> SHAPLEY_PERMUTATIONS = AnalysisOption.atLeast("shapleyPermutations", 64, 1, "P",
        "Antithetic permutation pairs when `segmentsPerImage` is above 10 (sampled Shapley).");
    public static final AnalysisOption<AttributionClasses> ATTRIBUTION_CLASSES = AnalysisOption.choice("attributionClasses", AttributionClasses.class,
        AttributionClasses.TARGET, "Rank segments and score Shapley values toward the target class only, or also toward the image's top-k predicted classes (paper section 4: a segment's rank score is its best over those classes; the values are kept in result.json).");
    public static final AnalysisOption<Integer> TOP_K = AnalysisOption.atLeast("topK", 5, 1, "K", "Classes for `attributionClasses` topk (the paper's 5).");
    public static final AnalysisOption<Integer> BATCH_SIZE = AnalysisOption.atLeast("batchSize", 32, 1, "B", "Images per model call.");
    public static final AnalysisOption<ImageSize> IMAGE_SIZE = AnalysisOption.imageSize("imageSize", "Working resolution (default: model A's input size).");
    public static final AnalysisOption<Integer> KMEANS_RESTARTS = AnalysisOption.atLeast("kmeansRestarts", 10, 1, "N", "k-means++ restarts; the best is kept.");
    public static final AnalysisOption<EmbeddingNorm> EMBEDDING_NORM = AnalysisOption.choice("embeddingNorm", EmbeddingNorm.class, EmbeddingNorm.NONE,
        "Space k-means clusters in: none, the embedder's own features, whose magnitude carries signal; l2, unit length, for embedders trained with a cosine or contrastive objective.");
    public static final AnalysisOption<Integer> HISTOGRAM_BINS = AnalysisOption.atLeast("histogramBins", 20, 1, "N", "Bins of the attribution histograms.");

    /** All of them, in the order `--help` lists them. */
    public static final List<AnalysisOption<?>> ALL = List.of(IMAGES_PER_MODEL, SAMPLING, DISAGREEMENT, FILL, SEGMENTS_PER_IMAGE,
        SEGMENTATION, GRID, SLIC_SEGMENTS, CLUSTERS, SEED, OUTPUT, RANK_METHOD, IG_STEPS, GIG_STEPS, EXCLUSION, BLUR_SIGMA,
        SHAPLEY_PERMUTATIONS, ATTRIBUTION_CLASSES, TOP_K, BATCH_SIZE, IMAGE_SIZE, KMEANS_RESTARTS, EMBEDDING_NORM, HISTOGRAM_BINS);

    /** The option with this key, or an {@link OptionException} listing the keys. */
    public static AnalysisOption<?> byKey(String key) {
        for (AnalysisOption<?> o : ALL) if (o.key().equals(key)) return o;
        throw new OptionException(key, "no analysis option `" + key + "`; options are " + String.join(", ", ALL.stream().map(AnalysisOption::key).toList()));
    }
}
