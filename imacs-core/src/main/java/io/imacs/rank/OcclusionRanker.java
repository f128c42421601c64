package io.imacs.rank;

import io.imacs.attribution.ModelFunction;
import io.imacs.attribution.Occlusion;
import io.imacs.model.ImageClassifier;
import io.imacs.model.Output;
import io.imacs.segment.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranks segments for models without gradients (ONNX): each segment in turn shows the request's fill
 * (blurred image) and its score is the drop in the target output. The originals and all occluded
 * images of all requests share forward batches.
 */
public final class OcclusionRanker implements SegmentRanker {
    private final ImageClassifier model;
    private final Output output;
    private final Occlusion occlusion;
    private final int batchSize;

    public OcclusionRanker(ImageClassifier model, Output output, int batchSize) {
        this.model = model;
        this.output = output;
        this.occlusion = new Occlusion(batchSize);
        this.batchSize = batchSize;
    }

    @Override public List<double[]> rank(List<RankRequest> requests) {
        if (requests.isEmpty()) return List.of();
        int w = requests.get(0).image().width(), h = requests.get(0).image().height();
        List<Occlusion.Task> tasks = new ArrayList<>(requests.size());
        for (RankRequest r : requests) {
            if (r.image().width() != w || r.image().height() != h)
                throw new IllegalArgumentException("all images of one rank call must share the working size; got " + r.image() + " and " + w + "x" + h);
            List<int[]> groups = new ArrayList<>(r.segments().size());
            for (Segment s : r.segments()) groups.add(Occlusion.channelsOf(s.mask()));
            tasks.add(new Occlusion.Task(r.image().chw(), r.fill().chw(), r.targetClass(), groups));
        }
        return occlusion.groupDrops(tasks, ModelFunction.of(model, w, h, output));
    }

    @Override public String describe() {
        return "occlusion fill=request output=" + output.name().toLowerCase() + " batch=" + batchSize;
    }
}
