package io.imacs.comparison;

/** How images are split into segments. */
public enum Segmentation {
    /** For a comparison: the grid, as the paper. */
    AUTO,
    /** The paper's G x G grid. */
    GRID,
    /** BoofCV's SLIC superpixels. */
    SLIC,
    /** XRAI's own multi-scale Felzenszwalb regions: for one attribution ({@code imacs attribute}), not a comparison. */
    FELZENSZWALB
}
