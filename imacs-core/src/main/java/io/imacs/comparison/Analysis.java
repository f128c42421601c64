package io.imacs.comparison;

import io.imacs.attribution.Baselines;
import io.imacs.attribution.GuidedIG;
import io.imacs.attribution.IntegratedGradients;
import io.imacs.attribution.PathSteps;
import io.imacs.model.Differentiable;
import io.imacs.model.ImageClassifier;
import io.imacs.model.Output;
import io.imacs.pipeline.AttributionFactory;
import io.imacs.pipeline.ImacsConfig;
import io.imacs.rank.GuidedIGRanker;
import io.imacs.rank.IntegratedGradientsRanker;
import io.imacs.rank.OcclusionRanker;
import io.imacs.rank.SegmentRanker;
import io.imacs.rank.StepSchedule;
import io.imacs.rank.XraiRanker;
import io.imacs.sample.SamplingKind;
import io.imacs.score.ExactShapleyScorer;
import io.imacs.score.PermutationShapleyScorer;
import io.imacs.score.SegmentScorer;
import io.imacs.segment.GridSegmenter;
import io.imacs.segment.Segmenter;
import io.imacs.segment.SlicSegmenter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.imacs.comparison.AnalysisOptions.*;

/**
 * The values of all {@link AnalysisOptions} for one comparison: the declared defaults, with what the caller changed.
 * Immutable; {@link #with} checks a value as its option declares. Turns the values into the pipeline's stages:
 * {@link #config}, {@link #segmenter()} and {@link #attribution()}.
 */
public final class Analysis {
    /** Segments per image scored exactly (2^10 coalitions); above this Shapley values are sampled by permutations. */
    public static final int EXACT_SHAPLEY_UP_TO = 10;

    private final Map<AnalysisOption<?>, Object> values;

    private Analysis(Map<AnalysisOption<?>, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Every option at its declared default. */
    public static Analysis defaults() {
        Map<AnalysisOption<?>, Object> v = new LinkedHashMap<>();
        for (AnalysisOption<?> o : ALL) v.put(o, o.defaultValue());
        return new Analysis(v);
    }

    /** This analysis with one option changed; null restores no-value for options without a default. */
    public <T> Analysis with(AnalysisOption<T> option, T value) {
        Map<AnalysisOption<?>, Object> v = new LinkedHashMap<>(values);
        v.put(option, value == null && option.defaultValue() == null ? null : option.check(value));
        return new Analysis(v);
    }

    /** This analysis with one option changed, given as the option's text ({@code "xrai-gig"}, {@code "64x64"}). */
    public Analysis withText(AnalysisOption<?> option, String text) {
        return withParsed(option, text);
    }

    private <T> Analysis withParsed(AnalysisOption<T> option, String text) {
        return with(option, option.parse(text));
    }

    public <T> T get(AnalysisOption<T> option) {
        return option.type().cast(values.get(option));
    }

    /** The values by key, in declaration order (null for an option without a value). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        values.forEach((o, v) -> m.put(o.key(), v));
        return m;
    }

    /** The pipeline's parameters for a comparison on {@code targetClass}. */
    public ImacsConfig config(String targetClass) {
        ImageSize size = get(IMAGE_SIZE);
        boolean disagreement = get(SAMPLING) == SamplingKind.DISAGREEMENT;
        return new ImacsConfig(targetClass, get(IMAGES_PER_MODEL), get(SEGMENTS_PER_IMAGE), get(CLUSTERS), get(SEED), get(OUTPUT),
            get(BLUR_SIGMA), get(EXCLUSION), get(BATCH_SIZE), size == null ? null : new int[] {size.height(), size.width()},
            get(FILL), get(ATTRIBUTION_CLASSES), get(TOP_K), get(KMEANS_RESTARTS), get(HISTOGRAM_BINS),
            new ImacsConfig.Sampling(get(SAMPLING), disagreement ? get(DISAGREEMENT) : 0), get(EMBEDDING_NORM));
    }

    public Segmenter segmenter() {
        return switch (get(SEGMENTATION)) {
            case AUTO, GRID -> new GridSegmenter(get(GRID));
            case SLIC -> new SlicSegmenter(get(SLIC_SEGMENTS));
            case FELZENSZWALB -> throw new OptionException(SEGMENTATION.key(),
                "`segmentation` felzenszwalb is XRAI's multi-scale regions of one attribution; a comparison segments with grid or slic");
        };
    }

    /**
     * The rank and score stages. {@link RankMethod#AUTO} is resolved once per comparison
     * ({@link AttributionFactory#forModels}): XRAI over Guided IG when every model has input gradients, otherwise
     * occlusion for all of them, so that differences between the models' clusters never come from two ranking methods.
     */
    public AttributionFactory attribution() { return attribution(get(RANK_METHOD)); }

    private AttributionFactory attribution(RankMethod method) {
        Output out = get(OUTPUT);
        int batch = get(BATCH_SIZE);
        return new AttributionFactory() {
            @Override public AttributionFactory forModels(List<ImageClassifier> models) {
                return method == RankMethod.AUTO ? attribution(auto(models)) : this;
            }

            @Override public SegmentRanker ranker(ImageClassifier model) {
                RankMethod m = method == RankMethod.AUTO ? auto(List.of(model)) : method;
                return switch (m) {
                    case OCCLUSION -> new OcclusionRanker(model, out, batch);
                    case IG -> new IntegratedGradientsRanker(requireGradients(model, m), out,
                        new IntegratedGradients(get(IG_STEPS).first(), IntegratedGradients.Rule.RIEMANN_MIDDLE, batch), Baselines.black(), steps(IG_STEPS, model));
                    case GIG -> new GuidedIGRanker(requireGradients(model, m), out, GuidedIG.paperDefaults(get(GIG_STEPS).first(), batch), Baselines.black(),
                        steps(GIG_STEPS, model));
                    case XRAI_GIG, AUTO -> new XraiRanker(requireGradients(model, m), out, GuidedIG.paperDefaults(get(GIG_STEPS).first(), batch),
                        Baselines.black(), steps(GIG_STEPS, model));
                };
            }

            @Override public SegmentScorer scorer(ImageClassifier model) {
                return get(SEGMENTS_PER_IMAGE) > EXACT_SHAPLEY_UP_TO
                    ? new PermutationShapleyScorer(model, out, batch, get(SHAPLEY_PERMUTATIONS), get(SEED))
                    : new ExactShapleyScorer(model, out, batch);
            }
        };
    }

    /** The step schedule of a path method's option; `auto` judges an image by its top `segmentsPerImage` segments. */
    private StepSchedule steps(AnalysisOption<PathSteps> option, ImageClassifier model) {
        return StepSchedule.of(get(option), get(SEGMENTS_PER_IMAGE), model);
    }

    /** What "auto" means for these models: XRAI over Guided IG when all have gradients, else occlusion. */
    private static RankMethod auto(List<ImageClassifier> models) {
        return models.stream().allMatch(m -> m.gradients().isPresent()) ? RankMethod.XRAI_GIG : RankMethod.OCCLUSION;
    }

    private static Differentiable requireGradients(ImageClassifier model, RankMethod method) {
        return model.gradients().orElseThrow(() -> new OptionException(RANK_METHOD.key(), "`rankMethod` " + AnalysisOption.id(method)
            + " needs input gradients, but " + model.info().path() + " has none (ONNX); use `rankMethod` occlusion or a TorchScript model"));
    }

    @Override public boolean equals(Object o) { return o instanceof Analysis a && a.values.equals(values); }

    @Override public int hashCode() { return values.hashCode(); }

    @Override public String toString() { return asMap().toString(); }
}
