package io.imacs.cli;

import io.imacs.cache.ResultCache;
import io.imacs.comparison.Comparison;
import io.imacs.pipeline.ImageStages;
import io.imacs.progress.Progress;
import io.imacs.result.ImacsResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Compare's per-image stages on a cluster ({@code --spark MASTER}). The imacs-spark module provides it through
 * {@link ServiceLoader}, so the plain CLI carries no Spark and starts as fast as without it.
 */
public interface ScaleOut extends AutoCloseable {

    /** Starts a {@link ScaleOut}: one is registered in META-INF/services by the module that carries the cluster's library. */
    interface Provider {
        /**
         * A session on {@code master} for one compare run. Workers rebuild the run's comparison from
         * {@code compareArgs} with {@link #worker}; only this process writes under {@code out}.
         */
        ScaleOut start(String master, List<String> compareArgs, Path out, Progress progress);
    }

    /** The pipeline's per-image stages, spread over the cluster. */
    ImageStages stages();

    /** Writes the outputs that only this kind of run has (e.g. segments.parquet) beside result.json; their paths. */
    List<Path> writeOutputs(ImacsResult result, Path out) throws IOException;

    /** Adds the workers' model passes, which this process did not see, to the run's counts. */
    void countPasses(io.imacs.count.PassCounter classifiers, io.imacs.count.PassCounter embedders);

    /** The workers' cache lookups per kind ([hits, misses]), which this process did not see. */
    java.util.Map<String, int[]> cacheLookups();

    @Override void close();

    /** compare's flag that names the master. */
    String FLAG = "--spark";

    /** compare's flags that name model files: a worker may find them shipped with the job instead (spark-submit --files). */
    java.util.Set<String> MODEL_FLAGS = java.util.Set.of("--model-a", "--model-b", "--embedder");

    /** Master URLs Spark takes: local, local[N], local[*], local[N,F], spark://, yarn, k8s://, mesos://. */
    Pattern MASTER = Pattern.compile("local(\\[(\\d+|\\*)(,\\d+)?])?|local-cluster\\[\\d+, *\\d+, *\\d+]|(spark|k8s|mesos)://\\S+|yarn");

    /** The installed provider's session on {@code master}, or one line saying what to run instead. */
    static ScaleOut start(String master, List<String> compareArgs, Path out, Progress progress) {
        if (!MASTER.matcher(master).matches())
            throw new IllegalArgumentException("--spark " + master + " is not a Spark master: give local[N] (N worker threads in this process), "
                + "local[*], spark://HOST:PORT, yarn or k8s://URL");
        Provider p = ServiceLoader.load(Provider.class).findFirst().orElseThrow(() -> new IllegalArgumentException(
            "--spark runs on the imacs-spark module, which this imacs-cli.jar does not carry: run ./imacs compare ... --spark " + master
                + " (it builds imacs-spark), or spark-submit --class io.imacs.spark.SparkCompare imacs-spark/target/imacs-spark.jar compare ..."));
        return p.start(master, compareArgs, out, progress);
    }

    /**
     * A worker's side of a compare run: the comparison that {@code compareArgs} describe, its models opened (with a
     * cache: on their first call) and its result cache open, as the driver's own run has them. Its stages report to
     * {@code progress} (a skipped image, say).
     */
    static Worker worker(List<String> compareArgs, Progress progress) {
        return ComparisonRun.worker(CompareCommand.parse(compareArgs), progress);
    }

    /** What a worker holds for a part of a run; closing it closes the models, then the cache. */
    record Worker(Comparison.Opened opened, ResultCache cache) implements AutoCloseable {
        /** The cache lookups per kind ([hits, misses]) since the last call. */
        public java.util.Map<String, int[]> takeCacheLookups() {
            return cache instanceof SqliteCache s ? s.takeLookups() : java.util.Map.of();
        }

        @Override public void close() {
            try (ResultCache c = cache) {
                opened.close();
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
