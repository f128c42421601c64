package io.imacs.spark;

import io.imacs.cluster.ClusterSweep;
import io.imacs.cluster.Clustering;
import io.imacs.count.PassCounter;
import io.imacs.data.EvalImage;
import io.imacs.model.Role;
import io.imacs.pipeline.ImacsPipeline;
import io.imacs.pipeline.ImageStages;
import io.imacs.pipeline.ScoredSegment;
import io.imacs.predict.PredictionTable;
import io.imacs.predict.Predictor;
import io.imacs.progress.Progress;
import io.imacs.sample.SampledImage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The pipeline's per-image stages on Spark. The driver cuts the images (then each model's sample) into slices of
 * whole batches, one per partition; workers run them ({@link WorkerTasks}); the driver puts the parts back in
 * the list's order, so sampling and clustering see exactly what a run in one process sees. Only the driver writes
 * the output directory: tiles and thumbnails come back as PNG bytes.
 */
final class SparkStages implements ImageStages {
    private static final String MLLIB_KEY = SparkScaleOut.MLLIB_ABOVE;

    /** Partitions per worker thread: a slow partition then holds up less of the stage. */
    private static final int PARTS_PER_CORE = 2;

    private final SparkSession spark;
    private final JavaSparkContext sc;
    private final List<String> compareArgs;
    private final ImacsPipeline.Drawings drawings;
    private final Set<String> drawn = new HashSet<>();
    private final long mllibAbove;
    private final PassCounter classifierPasses = new PassCounter(), embedderPasses = new PassCounter();
    private final Map<String, int[]> cacheLookups = new java.util.TreeMap<>();
    private boolean mllibClustered;

    /** {@code mllibAbove}: more segments than this are clustered by Spark MLlib's k-means instead of the core's. */
    SparkStages(SparkSession spark, List<String> compareArgs, ImacsPipeline.Drawings drawings, long mllibAbove) {
        this.spark = spark;
        this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.compareArgs = List.copyOf(compareArgs);
        this.drawings = drawings;
        this.mllibAbove = mllibAbove;
    }

    @Override public String describe() {
        return "Apache Spark " + spark.version() + " on " + sc.master() + " (" + sc.defaultParallelism() + " worker threads)"
            + (mllibClustered ? "; clustered by Spark MLlib k-means (k-means|| seeding, more segments than " + MLLIB_KEY + " " + mllibAbove + ")" : "");
    }

    @Override public Predictor.Result predict(List<EvalImage> images, int batch, Function<List<EvalImage>, Predictor.Result> here,
                                              Progress progress) {
        List<Slice<ImageRow>> slices = Slice.of(images.stream().map(ImageRow::of).toList(), batch, parts());
        progress.start("predict", images.size());
        List<WorkerTasks.Predicted> parts = run(sc.parallelize(slices, Math.max(1, slices.size()))
            .mapPartitions(new WorkerTasks.Predict(compareArgs)), progress, p -> (long) p.usable().size() + p.skipped().size());
        parts.sort(Comparator.comparingInt(WorkerTasks.Predicted::first));
        List<EvalImage> usable = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<Role, List<float[]>> rows = new EnumMap<>(Role.class);
        Map<Role, List<String>> classes = new EnumMap<>(Role.class);
        for (WorkerTasks.Predicted p : parts) {
            for (int i : p.usable()) usable.add(images.get(p.first() + i));
            sizes.addAll(p.sizes());
            skipped.addAll(p.skipped());
            p.probabilities().forEach((role, probs) -> rows.computeIfAbsent(role, r -> new ArrayList<>()).addAll(List.of(probs)));
            classes.putAll(p.classes());
            noted(p.notes(), progress);
        }
        progress.finish();
        Map<Role, PredictionTable> tables = new LinkedHashMap<>();
        for (Role r : Role.values())
            tables.put(r, new PredictionTable(r, classes.getOrDefault(r, List.of()), rows.getOrDefault(r, List.of()).toArray(new float[0][])));
        return new Predictor.Result(usable, sizes, skipped, tables);
    }

    @Override public List<ScoredSegment> attribute(Role role, List<SampledImage> sample, int chunk, List<EvalImage> images,
                                                   PredictionTable table, Function<List<SampledImage>, List<ScoredSegment>> here,
                                                   Progress progress, Consumer<String> warnings) {
        Broadcast<WorkerTasks.Sampled> sampled = sc.broadcast(WorkerTasks.Sampled.of(sample, images, table));
        try {
            List<Slice<SampledImage>> slices = Slice.of(sample, chunk, parts());
            progress.start("attribute " + role, sample.size());
            List<WorkerTasks.Attributed> parts = run(sc.parallelize(slices, Math.max(1, slices.size()))
                .mapPartitions(new WorkerTasks.Attribute(compareArgs, role, sampled)), progress, p -> p.segments().stream()
                    .map(s -> s.sample().image()).distinct().count());
            parts.sort(Comparator.comparingInt(WorkerTasks.Attributed::first));
            List<ScoredSegment> out = new ArrayList<>();
            for (WorkerTasks.Attributed p : parts) {
                out.addAll(p.segments());
                p.warnings().forEach(warnings);
                for (WorkerTasks.Drawing d : p.drawings()) if (d.png() != null && drawn.add(d.path())) drawings.write(d.path(), d.png());
                noted(p.notes(), progress);
            }
            progress.finish();
            return out;
        } finally {
            sampled.destroy();
        }
    }

    /**
     * The core's k-means sweep, or above {@code mllibAbove} segments Spark MLlib's k-means (k-means|| seeding, no
     * restarts): its partition can differ from the core's, so parity with one process holds below the threshold.
     */
    @Override public Map<Integer, Clustering> cluster(ClusterSweep sweep, double[][] vectors, Runnable done, ClusterSweep.Known known) {
        if (vectors.length <= mllibAbove) return sweep.fit(vectors, done, known); // MLlib's clusterings are not the cache's: not kept
        mllibClustered = true;
        StructType schema = new StructType(new StructField[] {new StructField("features", new VectorUDT(), false, Metadata.empty())});
        List<Row> rows = new ArrayList<>(vectors.length);
        for (double[] v : vectors) rows.add(RowFactory.create(Vectors.dense(v)));
        Dataset<Row> points = spark.createDataFrame(rows, schema).cache();
        Map<Integer, Clustering> out = new java.util.TreeMap<>();
        try {
            for (int k : sweep.ks(vectors.length)) {
                KMeansModel model = new org.apache.spark.ml.clustering.KMeans().setK(k).setSeed(sweep.seed()).fit(points);
                Vector[] centres = model.clusterCenters();
                double[][] c = new double[centres.length][];
                for (int i = 0; i < c.length; i++) c[i] = centres[i].toArray();
                int[] assignment = new int[vectors.length];
                for (int i = 0; i < vectors.length; i++) assignment[i] = model.predict(Vectors.dense(vectors[i]));
                out.put(k, Clustering.of(vectors, assignment, c));
                done.run();
            }
        } finally {
            points.unpersist();
        }
        return out;
    }

    /** The workers' model passes, per stage. */
    void countPasses(PassCounter classifiers, PassCounter embedders) {
        classifierPasses.byStage().forEach(classifiers::add);
        embedderPasses.byStage().forEach(embedders::add);
    }

    /** The workers' cache lookups per kind ([hits, misses]). */
    Map<String, int[]> cacheLookups() {
        Map<String, int[]> copy = new java.util.TreeMap<>();
        cacheLookups.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    private void noted(WorkerNotes notes, Progress progress) {
        notes.shown().forEach(progress::warn);
        notes.classifierPasses().forEach(classifierPasses::add);
        notes.embedderPasses().forEach(embedderPasses::add);
        notes.cacheLookups().forEach((kind, v) -> {
            int[] hm = cacheLookups.computeIfAbsent(kind, k -> new int[2]);
            hm[0] += v[0];
            hm[1] += v[1];
        });
    }

    private int parts() { return PARTS_PER_CORE * sc.defaultParallelism(); }

    /** Collects {@code rdd}, advancing {@code progress} by {@code units} of each part as its task finishes. */
    private static <T extends Serializable> List<T> run(JavaRDD<T> rdd, Progress progress, Units<T> units) {
        org.apache.spark.util.CollectionAccumulator<Long> done = rdd.context().collectionAccumulator();
        JavaRDD<T> counted = rdd.map(p -> {
            done.add(units.of(p));
            return p;
        });
        JavaFutureAction<List<T>> job = counted.collectAsync();
        int seen = 0;
        try {
            while (true) {
                try {
                    List<T> parts = job.get(250, TimeUnit.MILLISECONDS);
                    seen = advance(done.value(), seen, progress);
                    return new ArrayList<>(parts);
                } catch (TimeoutException notYet) {
                    seen = advance(done.value(), seen, progress);
                }
            }
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw taskFailure(e.getCause());
        }
    }

    /**
     * The exception a failed job stands for: the task's own (a model or data error, which the CLI reports in one line,
     * as in one process), else Spark's, cut to its first line (the rest is the executor's stack trace).
     */
    static RuntimeException taskFailure(Throwable jobFailure) {
        for (Throwable c = jobFailure; c != null; c = c.getCause())
            if (c instanceof RuntimeException r && !(c instanceof org.apache.spark.SparkException)) return r;
        String first = String.valueOf(jobFailure.getMessage()).lines().findFirst().orElse("");
        return new IllegalStateException("a Spark job failed: " + first, jobFailure);
    }

    /** Units of progress in a part (images). */
    private interface Units<T> extends Serializable { long of(T part); }

    private static int advance(List<Long> done, int seen, Progress progress) {
        for (int i = seen; i < done.size(); i++) progress.advance(done.get(i));
        return done.size();
    }
}
