package io.imacs.score;

import java.util.List;

/** Scores the ranked segments of images with Shapley values (paper section 4, "Attribution"). */
public interface SegmentScorer {
    List<ShapleyValues> score(List<ScoreRequest> requests);

    String describe();
}
