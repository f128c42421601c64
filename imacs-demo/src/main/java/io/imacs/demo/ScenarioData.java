package io.imacs.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated scenario in memory. {@code trainB} (model B) equals {@code trainA} (model A) except for the planted
 * shortcut; {@code eval} is what compare(A, B) and compare(A, U) read, {@code reference} the set B's drift is
 * measured against (the watermark study: clean images; the domain-shift study: B's own studio domain).
 */
public record ScenarioData(DemoScenario scenario, List<String> classes, List<DemoSample> trainA,
                           List<DemoSample> trainB, List<DemoSample> reference, List<DemoSample> eval) {

    public ScenarioData {
        classes = List.copyOf(classes);
        trainA = List.copyOf(trainA);
        trainB = List.copyOf(trainB);
        reference = List.copyOf(reference);
        eval = List.copyOf(eval);
    }

    /**
     * Where {@link #write} put each set (an ImageFolder with a {@code labels.csv}), and the samples of the evaluation
     * and reference sets by the image id compare gives them (their path in {@code labels.csv}).
     */
    public record Files(Path trainA, Path trainB, Path reference, Path eval, Map<String, DemoSample> evalById,
                        Map<String, DemoSample> referenceById) {}

    /** Writes the four sets under {@code dir}, named by the scenario (the watermark study: {@code train-clean/}, ... {@code eval/}). */
    public Files write(Path dir) throws IOException {
        ImageFolderWriter w = new ImageFolderWriter(classes);
        List<String> names = scenario.wording().sets();
        Files f = new Files(dir.resolve(names.get(0)), dir.resolve(names.get(1)), dir.resolve(names.get(2)), dir.resolve(names.get(3)),
            new LinkedHashMap<>(), new LinkedHashMap<>());
        w.write(trainA, f.trainA());
        w.write(trainB, f.trainB());
        index(w.write(reference, f.reference()), reference, f.referenceById());
        index(w.write(eval, f.eval()), eval, f.evalById());
        return f;
    }

    private static void index(List<String> ids, List<DemoSample> samples, Map<String, DemoSample> into) {
        for (int i = 0; i < ids.size(); i++) into.put(ids.get(i), samples.get(i));
    }
}
