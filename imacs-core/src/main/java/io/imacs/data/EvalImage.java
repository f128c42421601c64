package io.imacs.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * One labelled evaluation image. Pixels are not held here: they are read when a stage needs them,
 * so large evaluation sets stream.
 *
 * @param id          the path as given in the data (relative to the data root or CSV)
 * @param file        where to read it
 * @param label       ground-truth class name
 * @param annotations extra CSV columns (the paper's "additional dataset labels")
 */
public record EvalImage(String id, Path file, String label, Map<String, String> annotations) {
    public EvalImage { annotations = Map.copyOf(annotations); }
}
