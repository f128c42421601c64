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
 * The paper's alternative sampling strategy (section 5.4): instead of a balanced confusion matrix, the
 * images on which the two models disagree confidently, |p_A(c) - p_B(c)| >= threshold. Both models are
 * explained on the same images, so their clusters compare like for like. Seeded.
 */
public record DisagreementSampler(int perModel, double threshold, long seed) {

    public DisagreementSampler {
        if (perModel < 1) throw new IllegalArgumentException("`imagesPerModel` must be at least 1, got " + perModel);
        if (!(threshold >= 0 && threshold <= 1)) throw new IllegalArgumentException("`disagreement` must be in [0, 1], got " + threshold);
    }

    /** One sample per model, over the same images; each image keeps its own cell for each model. */
    public Map<Role, ConfusionSample> sample(PredictionTable a, PredictionTable b, String targetClass,
                                             Map<Role, ConfusionOutcome[]> outcomes) {
        int ca = a.classNames().indexOf(targetClass), cb = b.classNames().indexOf(targetClass);
        List<Integer> pool = new ArrayList<>();
        for (int i = 0; i < a.size(); i++)
            if (Math.abs(a.probability(i, ca) - b.probability(i, cb)) >= threshold) pool.add(i);
        Collections.shuffle(pool, new Random(seed));
        List<Integer> chosen = pool.subList(0, Math.min(perModel, pool.size()));
        List<String> shortfalls = chosen.size() < perModel
            ? List.of("only " + pool.size() + " images have |p_A - p_B| >= " + threshold + " for '" + targetClass + "'; " + perModel + " asked")
            : List.of();
        Map<Role, ConfusionSample> out = new EnumMap<>(Role.class);
        for (Role m : Role.values()) {
            ConfusionOutcome[] o = outcomes.get(m);
            Map<ConfusionOutcome, Integer> taken = new EnumMap<>(ConfusionOutcome.class);
            for (ConfusionOutcome c : ConfusionOutcome.values()) taken.put(c, 0);
            List<SampledImage> images = new ArrayList<>();
            // grouped by cell, as the balanced sample is, so tiles and tables read the same way
            for (ConfusionOutcome c : ConfusionOutcome.values())
                for (int i : chosen) if (o[i] == c) { images.add(new SampledImage(i, m, c)); taken.merge(c, 1, Integer::sum); }
            Map<ConfusionOutcome, Integer> available = new EnumMap<>(ConfusionOutcome.class);
            for (ConfusionOutcome c : ConfusionOutcome.values()) available.put(c, (int) pool.stream().filter(i -> o[i] == c).count());
            out.put(m, new ConfusionSample(m, images, taken, available, taken, m == Role.A ? shortfalls : List.of()));
        }
        return out;
    }
}
