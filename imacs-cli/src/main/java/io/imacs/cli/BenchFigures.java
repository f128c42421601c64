package io.imacs.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Every figure {@code imacs bench} reports, once: its markdown is rendered from this and {@code --json} writes it,
 * so the two never disagree and a regression shows as a diff of the JSON. Fields keep their order (records); a run
 * or comparison that was skipped is null, and so is a figure that does not exist (e.g. a time per forward pass
 * where no forward pass was made). Times in seconds unless the name says otherwise; shares are fractions (0-1).
 */
record BenchFigures(String schema, Setup setup, List<Stage> stages, Map<String, Run> runs, Comparisons comparisons) {
    /** Bumped when a field changes meaning or goes; new fields may be added without. */
    static final String SCHEMA = "imacs-bench/1";

    /** What was measured: models, data, method, batch size, cores. */
    record Setup(String modelA, String modelB, String embedder, String data, int usableImages, String targetClass,
                 String segmentation, int segmentsPerImage, String rankA, String rankB, String scoreA, String scoreB,
                 int batchSize, int cpuCores) {}

    /**
     * One stage of the cold run: model passes per image against the method's minimum (null: no fixed minimum, as for
     * permutation sampling), throughput, and the share of the stage's wall time spent inside model calls.
     */
    record Stage(String stage, int images, double classifierForwardPerImage, Long classifierForwardMinimum,
                 double classifierBackwardPerImage, long classifierBackwardMinimum, double embedderForwardPerImage,
                 long embedderForwardMinimum, double imagesPerSecond, double seconds, double modelTimeShare) {}

    /** One whole run: wall time, time inside model calls, model passes (images through a model), and time per stage. */
    record Run(double seconds, double secondsInModelCalls, double modelTimeShare, long classifierForward, long classifierBackward,
               long embedderForward, long modelCalls, Map<String, Double> stageSeconds) {}

    /** The gains, each measured side by side in this one process. */
    record Comparisons(ColdVsCached coldVsCached, Batching batching, OnnxTwins onnxTwins) {}

    /** Cold run against the same command rerun on its cache: wall times, the rerun's model passes, identical result.json. */
    record ColdVsCached(double coldSeconds, double cachedSeconds, long cachedModelPasses, boolean resultIdentical, double speedup) {}

    /** Batch size {@code batchSize} (the cold run, which also writes its cache) against batch size 1 (no cache). */
    record Batching(int batchSize, double batchedSeconds, double unbatchedSeconds, double speedup) {}

    /** Classifier forward passes on ONNX Runtime twins against PyTorch: time per image, whole runs, ratio per image. */
    record OnnxTwins(Double onnxMsPerImage, Double pytorchMsPerImage, double onnxRunSeconds, double pytorchRunSeconds, Double speedup) {}

    /** A ratio or time that may not exist (no forward pass made): null instead of NaN, which JSON cannot hold. */
    static Double finite(double v) { return Double.isFinite(v) ? v : null; }

    void writeJson(OutputStream out) throws IOException {
        JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build().writeValue(out, this);
        out.write('\n');
        out.flush();
    }
}
