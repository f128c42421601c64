package io.imacs.pipeline;

import io.imacs.cluster.ClusterSweep;
import io.imacs.cluster.Clustering;
import io.imacs.data.EvalImage;
import io.imacs.model.Role;
import io.imacs.predict.PredictionTable;
import io.imacs.predict.Predictor;
import io.imacs.progress.Progress;
import io.imacs.sample.SampledImage;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where the per-image stages of {@link ImacsPipeline} run: in this process ({@link #HERE}), or spread over workers
 * (imacs-spark). Everything else (checks, sampling, clustering, summaries) stays in the pipeline, so a run spread
 * out cannot diverge from one run here: a worker runs the same {@link ImacsPipeline#predictHere} and
 * {@link ImacsPipeline#attributeHere} on its part of the images, and the parts are put back in the images' order.
 */
public interface ImageStages {
    /**
     * The predict stage over {@code images}; the result lists them in their order. {@code here} predicts a list in
     * this process (reporting to the run's progress). A part given to a worker should start at a multiple of
     * {@code batch} images, so its model calls see the very batches one process's calls see.
     */
    Predictor.Result predict(List<EvalImage> images, int batch, Function<List<EvalImage>, Predictor.Result> here, Progress progress);

    /**
     * Segment, rank, score and embed one model's {@code sample}; the segments come in the sample's order.
     * {@code here} attributes a sample in this process; warnings go to {@code warnings}. A part given to a worker
     * should start at a multiple of {@code chunk} sampled images (the stage's batches, as for {@link #predict}).
     */
    List<ScoredSegment> attribute(Role role, List<SampledImage> sample, int chunk, List<EvalImage> images, PredictionTable table,
                                  Function<List<SampledImage>, List<ScoredSegment>> here, Progress progress, Consumer<String> warnings);

    /**
     * The cluster stage's k-means sweep over the segments' vectors ({@code done} after each k); each k asked of
     * {@code known} (the run's cache) first.
     */
    default Map<Integer, Clustering> cluster(ClusterSweep sweep, double[][] vectors, Runnable done, ClusterSweep.Known known) {
        return sweep.fit(vectors, done, known);
    }

    /** A short description for the manifest; null where the stages ran in this process. */
    default String describe() { return null; }

    /** Every stage in this process, as a plain run does. */
    ImageStages HERE = new ImageStages() {
        @Override public Predictor.Result predict(List<EvalImage> images, int batch, Function<List<EvalImage>, Predictor.Result> here,
                                                  Progress progress) {
            return here.apply(images);
        }

        @Override public List<ScoredSegment> attribute(Role role, List<SampledImage> sample, int chunk, List<EvalImage> images,
                                                PredictionTable table,
                                                Function<List<SampledImage>, List<ScoredSegment>> here, Progress progress,
                                                Consumer<String> warnings) {
            return here.apply(sample);
        }
    };
}
