package io.imacs.result;

import io.imacs.model.Role;
import java.util.List;
import java.util.Map;

/**
 * How a result was made (provenance): enough to reproduce it exactly.
 *
 * @param tool          "imacs"
 * @param version       tool version
 * @param targetClass   the class c the views are about
 * @param parameters    every parameter that affects the result, sorted by name
 * @param models        per role: "A", "B" ({@link Role#name()}) and "embedder"; file, format, SHA-256, input size, classes
 * @param dataset       location, counts, skipped files, filters
 * @param sampling      per model: requested and actual count per confusion cell, shortfalls
 * @param accuracy      per model: overall accuracy and one-vs-rest accuracy on the target class
 * @param histogramEdges the shared attribution bin edges of every histogram
 * @param warnings      anything the user should know (efficiency violations, shortfalls)
 */
public record RunManifest(String tool, String version, String targetClass, Map<String, Object> parameters,
                          Map<String, ModelRecord> models, DatasetRecord dataset,
                          Map<Role, SamplingRecord> sampling, Map<Role, AccuracyRecord> accuracy,
                          double[] histogramEdges, List<String> warnings) {

    public record ModelRecord(String path, String format, String sha256, List<Integer> inputSize, List<String> classes) {}

    public record DatasetRecord(String location, int images, int usable, List<String> skipped,
                                Map<String, Integer> perLabel, List<String> filters) {}

    public record SamplingRecord(Map<String, Integer> requested, Map<String, Integer> available,
                                 Map<String, Integer> sampled, List<String> shortfalls) {}

    public record AccuracyRecord(double overall, double targetOneVsRest, double targetRecall) {}
}
