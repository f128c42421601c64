package io.imacs.sample;

import io.imacs.model.Role;
import io.imacs.predict.PredictionTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The sample stage (paper section 4): per model, a balanced one-vs-rest confusion matrix for the target
 * class, e.g. 100 images as 25 each of TP, FP, FN, TN. Seeded. A cell with fewer images than asked gives
 * all it has; the rest is filled from other cells only when {@code fill} is set. Shortfalls are reported.
 */
public record ConfusionSampler(int perModel, boolean fill, long seed) {

    public ConfusionSampler {
        if (perModel < 4) throw new IllegalArgumentException("`imagesPerModel` must be at least 4 (one per confusion cell), got " + perModel);
    }

    /** The cell of every image for this model. */
    public static ConfusionOutcome[] outcomes(PredictionTable table, List<String> labels, String targetClass) {
        int t = table.classNames().indexOf(targetClass);
        ConfusionOutcome[] out = new ConfusionOutcome[table.size()];
        for (int i = 0; i < out.length; i++)
            out[i] = ConfusionOutcome.of(labels.get(i).equals(targetClass), table.predicted(i) == t);
        return out;
    }

    public ConfusionSample sample(Role model, ConfusionOutcome[] outcomes) {
        boolean[] all = new boolean[outcomes.length];
        java.util.Arrays.fill(all, true);
        return sample(model, outcomes, all);
    }

    /** Samples only among the {@code eligible} images (a model's own dataset when comparing two). */
    public ConfusionSample sample(Role model, ConfusionOutcome[] outcomes, boolean[] eligible) {
        Map<ConfusionOutcome, List<Integer>> pools = new EnumMap<>(ConfusionOutcome.class);
        for (ConfusionOutcome o : ConfusionOutcome.values()) pools.put(o, new ArrayList<>());
        for (int i = 0; i < outcomes.length; i++) if (eligible[i]) pools.get(outcomes[i]).add(i);
        // one stream per model, so sampling A does not change B's sample; seeded by the name's hash (an enum's
        // hashCode differs per JVM run), which also keeps the samples the string roles drew
        Random rnd = new Random(seed * 31 + model.name().hashCode());
        Map<ConfusionOutcome, Integer> requested = new EnumMap<>(ConfusionOutcome.class), available = new EnumMap<>(ConfusionOutcome.class),
            taken = new EnumMap<>(ConfusionOutcome.class);
        List<String> shortfalls = new ArrayList<>();
        Map<ConfusionOutcome, List<Integer>> picked = new EnumMap<>(ConfusionOutcome.class);
        int base = perModel / 4, extra = perModel % 4, missing = 0;
        for (ConfusionOutcome o : ConfusionOutcome.values()) {
            List<Integer> pool = pools.get(o);
            Collections.shuffle(pool, rnd);
            int want = base + (o.ordinal() < extra ? 1 : 0), n = Math.min(want, pool.size());
            requested.put(o, want);
            available.put(o, pool.size());
            picked.put(o, new ArrayList<>(pool.subList(0, n)));
            if (n < want) {
                missing += want - n;
                shortfalls.add(model + ": " + o + " has " + pool.size() + " image" + (pool.size() == 1 ? "" : "s") + ", " + want + " asked");
            }
        }
        if (fill && missing > 0) {
            // round-robin over the cells that still have images, so the sample stays as balanced as it can
            boolean any = true;
            while (missing > 0 && any) {
                any = false;
                for (ConfusionOutcome o : ConfusionOutcome.values()) {
                    List<Integer> pool = pools.get(o), got = picked.get(o);
                    if (missing > 0 && got.size() < pool.size()) { got.add(pool.get(got.size())); missing--; any = true; }
                }
            }
        }
        List<SampledImage> images = new ArrayList<>();
        for (ConfusionOutcome o : ConfusionOutcome.values()) {
            taken.put(o, picked.get(o).size());
            for (int i : picked.get(o)) images.add(new SampledImage(i, model, o));
        }
        return new ConfusionSample(model, images, requested, available, taken, shortfalls);
    }
}
