package io.imacs.spark;

import io.imacs.result.ImacsResult;
import io.imacs.result.SegmentEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * segments.parquet: every segment of the run with its embedding (as clustered) and its cluster, as a Dataset
 * written by Spark, for analysis in Spark or pandas ({@code pandas.read_parquet("segments.parquet")}). The columns
 * are segments.csv's, plus {@code embedding}.
 */
final class SegmentsParquet {
    static final String FILE = "segments.parquet";

    private SegmentsParquet() {}

    static final StructType SCHEMA = new StructType()
        .add("id", DataTypes.IntegerType, false).add("model", DataTypes.StringType, false)
        .add("image", DataTypes.StringType, false).add("label", DataTypes.StringType, false)
        .add("predicted", DataTypes.StringType, false).add("outcome", DataTypes.StringType, false)
        .add("segment", DataTypes.IntegerType, false).add("rank", DataTypes.IntegerType, false)
        .add("x", DataTypes.IntegerType, false).add("y", DataTypes.IntegerType, false)
        .add("w", DataTypes.IntegerType, false).add("h", DataTypes.IntegerType, false)
        .add("attribution", DataTypes.DoubleType, false).add("standard_error", DataTypes.DoubleType, false)
        .add("cluster", DataTypes.IntegerType, false).add("distance", DataTypes.DoubleType, false)
        .add("tile", DataTypes.StringType, true)
        .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    /** Writes the segments to {@code dir} (a Parquet dataset: a directory of one part file), replacing an older one. */
    static Path write(SparkSession spark, ImacsResult result, Path dir) {
        List<Row> rows = new ArrayList<>(result.segments().size());
        for (SegmentEntry s : result.segments())
            rows.add(RowFactory.create(s.id(), s.model().name(), s.image(), s.label(), s.predicted(), s.outcome().name(), s.segment(),
                s.rank(), s.box().x(), s.box().y(), s.box().w(), s.box().h(), s.attribution(), s.standardError(), s.cluster(),
                s.distance(), s.tile(), s.embedding().toArray(new Float[0])));
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir.toAbsolutePath().toString());
        return dir;
    }
}
