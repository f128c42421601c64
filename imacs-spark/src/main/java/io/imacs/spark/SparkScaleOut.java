package io.imacs.spark;

import io.imacs.cli.ScaleOut;
import io.imacs.count.PassCounter;
import io.imacs.pipeline.ImacsPipeline;
import io.imacs.pipeline.ImageStages;
import io.imacs.progress.Progress;
import io.imacs.result.ImacsResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** {@code compare --spark MASTER}: a Spark session for one run, its stages, and segments.parquet. */
public final class SparkScaleOut implements ScaleOut {
    /** Spark configuration key: above this many segments, MLlib's k-means clusters them instead of the core's. */
    public static final String MLLIB_ABOVE = "spark.imacs.mllibKMeansAbove";
    /** By default: 200,000 segments (the core's k-means sweep on the driver takes minutes from there). */
    static final long MLLIB_ABOVE_DEFAULT = 200_000;

    /** Registered in META-INF/services/io.imacs.cli.ScaleOut$Provider. */
    public static final class Provider implements ScaleOut.Provider {
        @Override public ScaleOut start(String master, List<String> compareArgs, Path out, Progress progress) {
            return new SparkScaleOut(master, compareArgs, out);
        }
    }

    private final SparkSession spark;
    private final SparkStages stages;

    private SparkScaleOut(String master, List<String> compareArgs, Path out) {
        SparkSession.Builder b = SparkSession.builder().master(master).appName("imacs compare");
        if (master.startsWith("local")) // one machine: no web UI to serve, no network name to resolve
            b.config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        spark = b.getOrCreate();
        long mllibAbove = spark.sparkContext().getConf().getLong(MLLIB_ABOVE, MLLIB_ABOVE_DEFAULT);
        stages = new SparkStages(spark, compareArgs, ImacsPipeline.Drawings.files(out), mllibAbove);
    }

    @Override public ImageStages stages() { return stages; }

    @Override public List<Path> writeOutputs(ImacsResult result, Path out) {
        return List.of(SegmentsParquet.write(spark, result, out.resolve(SegmentsParquet.FILE)));
    }

    @Override public void countPasses(PassCounter classifiers, PassCounter embedders) { stages.countPasses(classifiers, embedders); }

    @Override public Map<String, int[]> cacheLookups() { return stages.cacheLookups(); }

    @Override public void close() { spark.stop(); }
}
