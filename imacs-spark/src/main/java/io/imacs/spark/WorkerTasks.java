package io.imacs.spark;

import io.imacs.cli.ScaleOut;
import io.imacs.data.EvalImage;
import io.imacs.model.Role;
import io.imacs.pipeline.ScoredSegment;
import io.imacs.predict.PredictionTable;
import io.imacs.predict.Predictor;
import io.imacs.sample.SampledImage;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * The per-image stages as Spark tasks. Each partition opens the run's models once (rebuilt from compare's arguments,
 * as the driver's run has them), runs the pipeline's own {@code predictHere} or {@code attributeHere} on its slice
 * and returns plain records. A task writes nothing but the shared result cache, so a retried task gives the same
 * records again and Spark keeps one attempt's: no segment is counted twice.
 */
final class WorkerTasks {
    private WorkerTasks() {}

    /** A slice's predictions: positions (in the slice) of the usable images, their sizes, the skipped, each model's rows. */
    record Predicted(int first, List<Integer> usable, List<int[]> sizes, List<String> skipped, Map<Role, List<String>> classes,
                     Map<Role, float[][]> probabilities, WorkerNotes notes) implements Serializable {}

    /** A slice's segments, the tiles and thumbnails drawn for them (path, PNG bytes), and the stage's warnings. */
    record Attributed(int first, List<ScoredSegment> segments, List<Drawing> drawings, List<String> warnings, WorkerNotes notes)
        implements Serializable {}

    record Drawing(String path, byte[] png) implements Serializable {}

    /**
     * What the attribute stage reads of the run's images and of a model's prediction table: the sampled images' rows
     * only, at their indices (which name tiles and seed noise fills), so what travels to the workers grows with the
     * sample, not with the evaluation set.
     */
    record Sampled(int images, Map<Integer, ImageRow> rows, Role model, List<String> classNames, Map<Integer, float[]> probabilities)
        implements Serializable {
        static Sampled of(List<SampledImage> sample, List<EvalImage> images, PredictionTable t) {
            Map<Integer, ImageRow> rows = new java.util.TreeMap<>();
            Map<Integer, float[]> p = new java.util.TreeMap<>();
            for (SampledImage s : sample) {
                rows.put(s.image(), ImageRow.of(images.get(s.image())));
                p.put(s.image(), t.probabilities()[s.image()]);
            }
            return new Sampled(images.size(), rows, t.model(), new ArrayList<>(t.classNames()), p);
        }

        /** The image list as the stage indexes it; an image outside the sample is null. */
        List<EvalImage> imageList() {
            Map<Integer, EvalImage> byIndex = new java.util.HashMap<>();
            rows.forEach((i, r) -> byIndex.put(i, r.image()));
            return new java.util.AbstractList<>() {
                @Override public EvalImage get(int i) { return byIndex.get(i); }
                @Override public int size() { return images; }
            };
        }

        PredictionTable table() {
            float[][] all = new float[images][];
            probabilities.forEach((i, row) -> all[i] = row);
            return new PredictionTable(model, classNames, all);
        }
    }

    /** The predict stage on each slice of images. */
    record Predict(List<String> compareArgs) implements FlatMapFunction<Iterator<Slice<ImageRow>>, Predicted> {
        @Override public Iterator<Predicted> call(Iterator<Slice<ImageRow>> slices) {
            return each(compareArgs, slices, (worker, slice) -> {
                List<EvalImage> images = slice.items().stream().map(ImageRow::image).toList();
                Predictor.Result r = worker.opened().pipeline().predictHere(images, worker.opened().models());
                List<Integer> usable = new ArrayList<>();
                int j = 0; // the usable images are the slice's images in order, less the skipped
                for (EvalImage i : r.usable()) {
                    while (images.get(j) != i) j++;
                    usable.add(j++);
                }
                Map<Role, List<String>> classes = new LinkedHashMap<>();
                Map<Role, float[][]> p = new LinkedHashMap<>();
                r.tables().forEach((role, t) -> {
                    classes.put(role, new ArrayList<>(t.classNames()));
                    p.put(role, t.probabilities());
                });
                return new Predicted(slice.first(), usable, new ArrayList<>(r.originalSizes()), new ArrayList<>(r.skipped()), classes, p,
                    worker.notes());
            });
        }
    }

    /** Segment, rank, score and embed on each slice of one model's sample. */
    record Attribute(List<String> compareArgs, Role role, Broadcast<Sampled> sampled)
        implements FlatMapFunction<Iterator<Slice<SampledImage>>, Attributed> {
        @Override public Iterator<Attributed> call(Iterator<Slice<SampledImage>> slices) {
            List<EvalImage> all = sampled.value().imageList();
            PredictionTable t = sampled.value().table();
            return each(compareArgs, slices, (worker, slice) -> {
                failOnce();
                List<String> warnings = new ArrayList<>();
                List<Drawing> drawings = new ArrayList<>();
                List<ScoredSegment> segments = worker.opened().pipeline().attributeHere(role, slice.items(), all, t,
                    worker.opened().models(), warnings::add, (path, png) -> drawings.add(new Drawing(path, png)));
                return new Attributed(slice.first(), new ArrayList<>(segments), drawings, warnings, worker.notes());
            });
        }
    }

    /** A partition's worker: the models opened once for all its slices, and what its stages showed. */
    record Worker(ScaleOut.Worker scaled, WorkerNotes.Shown shown) {
        io.imacs.comparison.Comparison.Opened opened() { return scaled.opened(); }

        WorkerNotes notes() {
            WorkerNotes n = WorkerNotes.of(shown, opened().classifierPasses(), opened().embedderPasses(), scaled.takeCacheLookups());
            shown.messages.clear();
            opened().classifierPasses().reset();
            opened().embedderPasses().reset();
            return n;
        }
    }

    interface Work<S, R> { R run(Worker worker, S slice); }

    /** Runs {@code work} on each slice with the models opened once for the partition. */
    private static <S, R> Iterator<R> each(List<String> compareArgs, Iterator<S> slices, Work<S, R> work) {
        List<R> out = new ArrayList<>();
        if (!slices.hasNext()) return out.iterator();
        WorkerNotes.Shown shown = new WorkerNotes.Shown();
        try (ScaleOut.Worker w = ScaleOut.worker(shippedFiles(compareArgs), shown)) {
            Worker worker = new Worker(w, shown);
            while (slices.hasNext()) out.add(work.run(worker, slices.next()));
        }
        return out.iterator();
    }

    /** Model options whose files are not at their path here: those shipped with the job (spark-submit --files), by name. */
    static List<String> shippedFiles(List<String> args) {
        List<String> out = new ArrayList<>(args);
        for (int i = 0; i + 1 < out.size(); i++) {
            if (!ScaleOut.MODEL_FLAGS.contains(out.get(i)) || Files.exists(Path.of(out.get(i + 1)))) continue;
            Path shipped = Path.of(SparkFiles.get(Path.of(out.get(i + 1)).getFileName().toString()));
            if (Files.exists(shipped)) out.set(i + 1, shipped.toString());
        }
        return out;
    }

    /** Set by tests of task retries: the first attempt of partition 0 fails once (-Dimacs.spark.failFirstAttempt=true). */
    static final String FAIL_FIRST_ATTEMPT = "imacs.spark.failFirstAttempt";

    private static void failOnce() {
        TaskContext task = TaskContext.get();
        if (Boolean.getBoolean(FAIL_FIRST_ATTEMPT) && task != null && task.partitionId() == 0 && task.attemptNumber() == 0)
            throw new IllegalStateException("a task failure injected by " + FAIL_FIRST_ATTEMPT);
    }
}
