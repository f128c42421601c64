package io.imacs.comparison;

/** How segments are ranked, the same for both models (spec §2, rank stage). */
public enum RankMethod {
    /** XRAI over Guided IG when every model has input gradients, occlusion for all of them otherwise. */
    AUTO,
    /** The paper's: XRAI over Guided Integrated Gradients. */
    XRAI_GIG,
    /** Guided IG attribution mass per segment. */
    GIG,
    /** Integrated Gradients attribution mass per segment. */
    IG,
    /** The drop of the class's output when a segment is replaced by the exclusion fill (needs no gradients). */
    OCCLUSION
}
