package io.imacs.model;

/**
 * The two classifiers one comparison studies: the paper's model A and model B. A constant's {@link #name()} is
 * what result.json, segments.csv, the report and the cache keys carry ("A", "B"), so renaming one changes every
 * output and misses every cached run.
 */
public enum Role {
    A, B;

    /** The other model of the comparison. */
    public Role other() { return this == A ? B : A; }
}
