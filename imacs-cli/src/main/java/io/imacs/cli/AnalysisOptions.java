package io.imacs.cli;

import io.imacs.attribution.Baselines;
import io.imacs.attribution.GuidedIG;
import io.imacs.attribution.IntegratedGradients;
import io.imacs.cluster.EmbeddingNorm;
import io.imacs.image.ExclusionFill;
import io.imacs.model.ImageClassifier;
import io.imacs.model.Output;
import io.imacs.pipeline.AttributionFactory;
import io.imacs.pipeline.ImacsConfig;
import io.imacs.rank.GuidedIGRanker;
import io.imacs.rank.IntegratedGradientsRanker;
import io.imacs.rank.XraiRanker;
import io.imacs.rank.OcclusionRanker;
import io.imacs.rank.SegmentRanker;
import io.imacs.score.ExactShapleyScorer;
import io.imacs.score.PermutationShapleyScorer;
import io.imacs.score.SegmentScorer;
import io.imacs.segment.GridSegmenter;
import io.imacs.segment.Segmenter;
import io.imacs.segment.SlicSegmenter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The analysis options shared by {@code compare}, {@code demo} and {@code bench}, and the stages they choose. */
public final class AnalysisOptions {
    @Option(names = "--images-per-model", defaultValue = "100", paramLabel = "N",
        description = "Balanced sample per model: N/4 each of TP, FP, FN, TN (default: ${DEFAULT-VALUE}, as the paper).")
    int imagesPerModel;
    @Option(names = "--sampling", defaultValue = "balanced", paramLabel = "balanced|disagreement",
        description = "balanced: N/4 per confusion cell per model (paper default); disagreement: up to N images where the models disagree, |p_A(c) - p_B(c)| >= --disagreement, the same images for both (paper section 5.4).")
    String sampling;
    @Option(names = "--disagreement", defaultValue = "0.5", paramLabel = "T", description = "Threshold of --sampling disagreement (default: ${DEFAULT-VALUE}).")
    double disagreement;
    @Option(names = "--fill", description = "Fill a confusion cell that has too few images from the other cells (default: take what there is and report it).")
    boolean fill;
    @Option(names = "--segments-per-image", defaultValue = "5", paramLabel = "M",
        description = "Top-M segments per image scored with Shapley values (default: ${DEFAULT-VALUE}). Exact Shapley up to 10, sampled above.")
    int segmentsPerImage;
    @Option(names = "--grid", defaultValue = "4", paramLabel = "G", description = "Grid segmentation G x G (default: ${DEFAULT-VALUE}, N = 16 segments).")
    int grid;
    @Option(names = "--clusters", defaultValue = "5", paramLabel = "K", description = "k for k-means over both models' segments (default: ${DEFAULT-VALUE}).")
    int clusters;
    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed for sampling, noise and k-means (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--output", defaultValue = "probability", paramLabel = "probability|logit",
        description = "What attributions explain: the softmax probability of the class (paper) or its logit (default: ${DEFAULT-VALUE}).")
    String output;
    @Option(names = "--rank-method", defaultValue = "auto", paramLabel = "METHOD",
        description = "Segment ranking, the same for both models: auto (xrai-gig when both models have gradients, occlusion for both otherwise), xrai-gig (paper: XRAI over Guided IG), gig (Guided IG mass), ig (Integrated Gradients mass), occlusion (default: ${DEFAULT-VALUE}).")
    String rankMethod;
    @Option(names = "--ig-steps", defaultValue = "32", paramLabel = "N", description = "Integrated Gradients steps (default: ${DEFAULT-VALUE}).")
    int igSteps;
    @Option(names = "--gig-steps", defaultValue = "32", paramLabel = "N",
        description = "Guided IG steps, fraction 0.25 and max_dist 0.02 as the reference (default: ${DEFAULT-VALUE}, chosen for CPU cost).")
    int gigSteps;
    @Option(names = "--segmentation", defaultValue = "auto", paramLabel = "auto|grid|slic",
        description = "Segmentation: auto = grid, the paper's G x G (default: ${DEFAULT-VALUE}), or slic (BoofCV superpixels).")
    String segmentation;
    @Option(names = "--slic-segments", defaultValue = "16", paramLabel = "N", description = "Approximate SLIC segments per image (default: ${DEFAULT-VALUE}).")
    int slicSegments;
    @Option(names = "--exclusion", defaultValue = "blur", paramLabel = "blur|mean|grey|noise",
        description = "What replaces an excluded segment in Shapley coalitions and occlusion (default: ${DEFAULT-VALUE}, the paper's). Blur keeps a region's colour: a model that relies on colour (a background hue, say) looks indifferent to that region under blur; mean, grey or noise remove the colour and catch it.")
    String exclusion;
    @Option(names = "--blur-sigma", defaultValue = "0", paramLabel = "PIXELS",
        description = "Gaussian blur sigma in working-resolution pixels; 0 = 1/10 of the image side (default).")
    double blurSigma;
    @Option(names = "--shapley-permutations", defaultValue = "64", paramLabel = "P",
        description = "Antithetic permutation pairs when M > 10 (sampled Shapley; default: ${DEFAULT-VALUE}).")
    int permutations;
    @Option(names = "--attribution-classes", defaultValue = "target", paramLabel = "target|topk",
        description = "Rank segments and score Shapley values toward the target class only, or also toward the image's top-k predicted classes (paper section 4: a segment's rank score is its best over those classes; the values are kept in result.json). Default: ${DEFAULT-VALUE}.")
    String attributionClasses;
    @Option(names = "--top-k", defaultValue = "5", paramLabel = "K", description = "Classes for --attribution-classes topk (default: ${DEFAULT-VALUE}, as the paper).")
    int topK;
    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "B", description = "Images per model call (default: ${DEFAULT-VALUE}).")
    int batchSize;
    @Option(names = "--image-size", paramLabel = "HxW", description = "Working resolution (default: model A's input size).")
    String imageSize;
    @Option(names = "--kmeans-restarts", defaultValue = "10", paramLabel = "N", description = "k-means++ restarts; the best is kept (default: ${DEFAULT-VALUE}).")
    int restarts;
    @Option(names = "--embedding-norm", defaultValue = "none", paramLabel = "none|l2",
        description = "Space k-means clusters in: none, the embedder's own features, whose magnitude carries signal (default); l2, unit length, for embedders trained with a cosine or contrastive objective.")
    String embeddingNorm;
    @Option(names = "--histogram-bins", defaultValue = "20", paramLabel = "N", description = "Bins of the attribution histograms (default: ${DEFAULT-VALUE}).")
    int bins;

    Output outputKind() {
        return Output.parse(output);
    }

    public ImacsConfig config(String targetClass) {
        int[] size = null;
        if (imageSize != null) {
            String[] hw = imageSize.toLowerCase(Locale.ROOT).split("x");
            try {
                size = new int[] {Integer.parseInt(hw[0]), Integer.parseInt(hw[1])};
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--image-size " + imageSize + ": expected HxW, e.g. 64x64");
            }
        }
        return new ImacsConfig(targetClass, imagesPerModel, segmentsPerImage, clusters, seed, outputKind(), blurSigma,
            ExclusionFill.parse(exclusion), batchSize, size, fill, attributionClasses, topK, restarts, bins,
            new ImacsConfig.Sampling(sampling.toLowerCase(Locale.ROOT), sampling.equalsIgnoreCase("disagreement") ? disagreement : 0),
            EmbeddingNorm.parse(embeddingNorm));
    }

    public Segmenter segmenter() {
        return switch (segmentation.toLowerCase(Locale.ROOT)) {
            case "auto", "grid" -> new GridSegmenter(grid);
            case "slic" -> new SlicSegmenter(slicSegments);
            default -> throw new IllegalArgumentException("--segmentation " + segmentation + ": expected auto, grid or slic");
        };
    }

    public AttributionFactory attribution() { return attribution(rankMethod.toLowerCase(Locale.ROOT)); }

    /**
     * "auto" is resolved once per comparison ({@link AttributionFactory#forModels}): XRAI over Guided IG
     * when every model has input gradients, otherwise occlusion for all of them, so that differences
     * between the models' clusters never come from two ranking methods.
     */
    private AttributionFactory attribution(String method) {
        Output out = outputKind();
        return new AttributionFactory() {
            @Override public AttributionFactory forModels(List<ImageClassifier> models) {
                return method.equals("auto") ? attribution(auto(models)) : this;
            }

            @Override public SegmentRanker ranker(ImageClassifier model) {
                return switch (method.equals("auto") ? auto(List.of(model)) : method) {
                    case "occlusion" -> new OcclusionRanker(model, out, batchSize);
                    case "ig" -> new IntegratedGradientsRanker(requireGradients(model, method), out,
                        new IntegratedGradients(igSteps, IntegratedGradients.Rule.RIEMANN_MIDDLE, batchSize), Baselines.black());
                    case "gig" -> new GuidedIGRanker(requireGradients(model, method), out, GuidedIG.paperDefaults(gigSteps, batchSize), Baselines.black());
                    case "xrai-gig", "xrai" -> new XraiRanker(requireGradients(model, method), out, GuidedIG.paperDefaults(gigSteps, batchSize), Baselines.black());
                    default -> throw new IllegalArgumentException("--rank-method " + rankMethod + ": expected auto, xrai-gig, gig, ig or occlusion");
                };
            }

            @Override public SegmentScorer scorer(ImageClassifier model) {
                return segmentsPerImage > 10 ? new PermutationShapleyScorer(model, out, batchSize, permutations, seed)
                    : new ExactShapleyScorer(model, out, batchSize);
            }
        };
    }

    /** What "auto" means for these models: XRAI over Guided IG when all have gradients, else occlusion. */
    private static String auto(List<ImageClassifier> models) {
        return models.stream().allMatch(m -> m.gradients().isPresent()) ? "xrai-gig" : "occlusion";
    }

    private static io.imacs.model.Differentiable requireGradients(ImageClassifier model, String method) {
        return model.gradients().orElseThrow(() -> new IllegalArgumentException("--rank-method " + method + " needs input gradients, but "
            + model.info().path() + " has none (ONNX); use --rank-method occlusion or a TorchScript model"));
    }
}
