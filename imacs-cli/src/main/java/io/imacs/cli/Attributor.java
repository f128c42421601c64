package io.imacs.cli;

import io.imacs.attribution.AttributionMethod;
import io.imacs.attribution.AttributionTask;
import io.imacs.attribution.BlurIG;
import io.imacs.attribution.ChannelReduction;
import io.imacs.attribution.GradientFunction;
import io.imacs.attribution.GuidedIG;
import io.imacs.attribution.IntegratedGradients;
import io.imacs.attribution.ModelFunction;
import io.imacs.attribution.Occlusion;
import io.imacs.attribution.SmoothGrad;
import io.imacs.attribution.VanillaGradient;
import io.imacs.attribution.Xrai;
import io.imacs.image.PixelImage;
import io.imacs.model.Differentiable;
import io.imacs.model.ImageClassifier;
import io.imacs.model.Output;
import io.imacs.segment.Segment;
import io.imacs.segment.Segmenter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link AttributeMethod} on one image of the model's input size, with the core's algorithms.
 * Separate from the command so the command only parses options and writes files.
 */
final class Attributor {
    /** SmoothGrad's noise, as a fraction of the input's range (PAIR saliency's default). */
    static final double SMOOTHGRAD_NOISE = 0.15;
    /** Blur IG's finite-difference step for d(blur)/d(sigma) (the reference's default). */
    static final double BLUR_IG_GRAD_STEP = 0.01;

    /**
     * What was computed.
     *
     * @param values      the array written to the .npy (3xHxW or HxW)
     * @param shape       its shape
     * @param sum         the attribution whose total should approach f(x) - f(baseline): the pixel attribution
     *                    (under XRAI: the IG / Guided IG it ranks), or the sum of occlusion's segment drops
     * @param description method and parameters
     * @param details     method-specific numbers for the JSON (regions, drops)
     */
    record Result(float[] values, int[] shape, double sum, String description, Map<String, Object> details) {}

    /** Settings from the command line. {@code segmenter} is null for XRAI's own multi-scale regions. */
    record Settings(int steps, IntegratedGradients.Rule rule, int batchSize, long seed, Segmenter segmenter, double blurSigma) {}

    private final ImageClassifier model;
    private final Output output;
    private final Settings s;

    Attributor(ImageClassifier model, Output output, Settings settings) {
        this.model = model;
        this.output = output;
        this.s = settings;
    }

    /** Attribution of output {@code target} at {@code x} relative to {@code baseline} (null for SmoothGrad). */
    Result run(AttributeMethod method, PixelImage x, PixelImage baseline, int target) {
        int w = x.width(), h = x.height();
        return switch (method) {
            case IG -> pixels(new IntegratedGradients(s.steps(), s.rule(), s.batchSize()), x, baseline, target);
            case GIG -> pixels(GuidedIG.paperDefaults(s.steps(), s.batchSize()), x, baseline, target);
            case SMOOTHGRAD -> pixels(new SmoothGrad(new VanillaGradient(s.batchSize()), s.steps(), SMOOTHGRAD_NOISE, false, s.seed()), x, null, target);
            case XRAI -> xrai(new IntegratedGradients(s.steps(), s.rule(), s.batchSize()), x, baseline, target);
            case XRAI_GIG -> xrai(GuidedIG.paperDefaults(s.steps(), s.batchSize()), x, baseline, target);
            case BLURIG -> {
                BlurIG blur = new BlurIG(s.blurSigma(), s.steps(), BLUR_IG_GRAD_STEP, false, s.batchSize());
                float[] a = blur.attribute(List.of(x), new int[] {target}, gradients(w, h)).get(0);
                yield new Result(a, new int[] {3, h, w}, sum(a), blur.describe(), Map.of());
            }
            case OCCLUSION -> occlusion(x, baseline, target);
        };
    }

    private Result pixels(AttributionMethod m, PixelImage x, PixelImage baseline, int target) {
        AttributionTask task = new AttributionTask(x.chw(), baseline == null ? null : baseline.chw(), target);
        float[] a = m.attribute(List.of(task), gradients(x.width(), x.height())).get(0);
        return new Result(a, new int[] {3, x.height(), x.width()}, sum(a), m.describe(), Map.of());
    }

    /** XRAI over a pixel attribution: regions from the segmenter, or XRAI's own multi-scale Felzenszwalb. */
    private Result xrai(AttributionMethod m, PixelImage x, PixelImage baseline, int target) {
        float[] a = m.attribute(List.of(new AttributionTask(x.chw(), baseline.chw(), target)), gradients(x.width(), x.height())).get(0);
        List<boolean[]> regions = new ArrayList<>();
        Xrai xrai;
        if (s.segmenter() == null) {
            regions = Xrai.felzenszwalbRegions(x);
            xrai = Xrai.referenceDefaults();
        } else {
            for (Segment seg : s.segmenter().segment(x)) regions.add(seg.mask());
            xrai = new Xrai(Xrai.Mode.FULL, 1.0, 1);   // given segments are disjoint: every one counts, however small
        }
        Xrai.Result r = xrai.explain(a, x.plane(), regions);
        float[] map = new float[r.map().length];
        for (int i = 0; i < map.length; i++) map[i] = (float) r.map()[i];
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("regionsGiven", regions.size());
        details.put("regionsRanked", r.gains().length);
        details.put("regionGains", r.gains());
        details.put("regions", s.segmenter() == null ? "xrai felzenszwalb (6 scales)" : s.segmenter().describe());
        return new Result(map, new int[] {x.height(), x.width()}, sum(a), xrai.describe() + " over " + m.describe(), details);
    }

    /** Occlusion of each segment by the baseline's pixels; every pixel gets its segment's drop. */
    private Result occlusion(PixelImage x, PixelImage baseline, int target) {
        List<Segment> segments = s.segmenter().segment(x);
        List<int[]> groups = new ArrayList<>(segments.size());
        for (Segment seg : segments) groups.add(Occlusion.channelsOf(seg.mask()));
        ModelFunction f = ModelFunction.of(model, x.width(), x.height(), output);
        double[] drops = new Occlusion(s.batchSize()).groupDrops(List.of(new Occlusion.Task(x.chw(), baseline.chw(), target, groups)), f).get(0);
        float[] map = new float[x.plane()];
        double total = 0;
        for (int k = 0; k < segments.size(); k++) {
            boolean[] m = segments.get(k).mask();
            for (int i = 0; i < m.length; i++) if (m[i]) map[i] = (float) drops[k];
            total += drops[k];
        }
        return new Result(map, new int[] {x.height(), x.width()}, total, "occlusion " + s.segmenter().describe(), Map.of("segmentDrops", drops));
    }

    private GradientFunction gradients(int w, int h) {
        Differentiable d = model.gradients().orElseThrow(() -> new IllegalStateException("checked by the command"));
        return GradientFunction.of(d, w, h, output);
    }

    /** Per-pixel values for the heat map: channels summed, so the map keeps the attribution's total. */
    static double[] pixelMap(Result r) {
        if (r.shape().length == 2) {
            double[] m = new double[r.values().length];
            for (int i = 0; i < m.length; i++) m[i] = r.values()[i];
            return m;
        }
        return ChannelReduction.SUM.reduce(r.values(), r.shape()[1] * r.shape()[2]);
    }

    private static double sum(float[] a) {
        double t = 0;
        for (float v : a) t += v;
        return t;
    }
}
