package io.imacs.pipeline;

import io.imacs.model.ImageClassifier;
import io.imacs.rank.SegmentRanker;
import io.imacs.score.SegmentScorer;
import java.util.List;

/** Chooses the rank and score stages for a model (e.g. XRAI-GIG with gradients, occlusion without). */
public interface AttributionFactory {
    SegmentRanker ranker(ImageClassifier model);

    SegmentScorer scorer(ImageClassifier model);

    /**
     * The factory for one comparison of these models, called once before any is ranked: a choice that
     * depends on the models (such as "auto") is made here once for all of them, so both models of a
     * comparison are ranked by the same method (paper section 4). By default nothing depends on them.
     */
    default AttributionFactory forModels(List<ImageClassifier> models) { return this; }
}
