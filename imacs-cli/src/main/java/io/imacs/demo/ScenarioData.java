package io.imacs.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A generated scenario in memory. {@code trainWatermarked} (model B) equals {@code trainClean}
 * (model A) except for the watermarked images of the watermark class; {@code evalWatermarked}
 * equals {@code evalClean} except for the watermarked share of every class.
 */
public record ScenarioData(WatermarkScenario scenario, List<String> classes, List<DemoSample> trainClean,
                           List<DemoSample> trainWatermarked, List<DemoSample> evalClean, List<DemoSample> evalWatermarked) {

    public ScenarioData {
        classes = List.copyOf(classes);
        trainClean = List.copyOf(trainClean);
        trainWatermarked = List.copyOf(trainWatermarked);
        evalClean = List.copyOf(evalClean);
        evalWatermarked = List.copyOf(evalWatermarked);
    }

    /** Where {@link #write} put each set; each is an ImageFolder with a {@code labels.csv}. */
    public record Files(Path trainClean, Path trainWatermarked, Path evalClean, Path evalWatermarked) {}

    /**
     * Writes the four sets under {@code dir} as {@code train-clean/}, {@code train-watermarked/},
     * {@code eval-clean/} and {@code eval/} (the watermarked evaluation set that {@code compare} reads).
     */
    public Files write(Path dir) throws IOException {
        ImageFolderWriter w = new ImageFolderWriter(classes);
        Files f = new Files(dir.resolve("train-clean"), dir.resolve("train-watermarked"), dir.resolve("eval-clean"), dir.resolve("eval"));
        w.write(trainClean, f.trainClean());
        w.write(trainWatermarked, f.trainWatermarked());
        w.write(evalClean, f.evalClean());
        w.write(evalWatermarked, f.evalWatermarked());
        return f;
    }
}
