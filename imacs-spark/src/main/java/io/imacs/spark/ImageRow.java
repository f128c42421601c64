package io.imacs.spark;

import io.imacs.data.EvalImage;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;

/** An evaluation image as it travels to a worker (a {@link Path} does not serialize): read there from {@code file}. */
record ImageRow(String id, String file, String label, Map<String, String> annotations) implements Serializable {
    static ImageRow of(EvalImage i) { return new ImageRow(i.id(), i.file().toString(), i.label(), i.annotations()); }

    EvalImage image() { return new EvalImage(id, Path.of(file), label, annotations); }
}
