package io.imacs.pipeline;

/** Which classes segments are ranked and scored toward. */
public enum AttributionClasses {
    /** The target class only. */
    TARGET,
    /** The target and the image's top-k predicted classes (paper section 4: a segment ranks by its best). */
    TOPK
}
