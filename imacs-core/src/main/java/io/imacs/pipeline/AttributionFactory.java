package io.imacs.pipeline;

import io.imacs.model.ImageClassifier;
import io.imacs.rank.SegmentRanker;
import io.imacs.score.SegmentScorer;

/** Chooses the rank and score stages for a model (e.g. XRAI-GIG with gradients, occlusion without). */
public interface AttributionFactory {
    SegmentRanker ranker(ImageClassifier model);

    SegmentScorer scorer(ImageClassifier model);
}
