package io.imacs.model;

import java.util.List;

/** What the pipeline needs to know about a loaded model. */
public record ModelInfo(String name, String path, String format, int inputHeight, int inputWidth, List<String> classNames) {
    public ModelInfo { classNames = List.copyOf(classNames); }

    public int classIndex(String className) { return classNames.indexOf(className); }
}
