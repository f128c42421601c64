package io.imacs.sample;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.model.Role;
import io.imacs.predict.PredictionTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionSamplerTest {
    private static ConfusionOutcome[] cells(int tp, int fp, int fn, int tn) {
        List<ConfusionOutcome> l = new ArrayList<>();
        for (int i = 0; i < tp; i++) l.add(ConfusionOutcome.TP);
        for (int i = 0; i < fp; i++) l.add(ConfusionOutcome.FP);
        for (int i = 0; i < fn; i++) l.add(ConfusionOutcome.FN);
        for (int i = 0; i < tn; i++) l.add(ConfusionOutcome.TN);
        return l.toArray(new ConfusionOutcome[0]);
    }

    @Test void outcomesAreOneVsRest() {
        PredictionTable t = new PredictionTable(Role.A, List.of("cat", "dog", "owl"),
            new float[][] {{.8f, .1f, .1f}, {.1f, .8f, .1f}, {.7f, .2f, .1f}, {.1f, .1f, .8f}});
        ConfusionOutcome[] o = ConfusionSampler.outcomes(t, List.of("cat", "cat", "dog", "owl"), "cat");
        assertArrayEquals(new ConfusionOutcome[] {ConfusionOutcome.TP, ConfusionOutcome.FN, ConfusionOutcome.FP, ConfusionOutcome.TN}, o);
    }

    @Test void balancedWhenEnough() {
        ConfusionSample s = new ConfusionSampler(20, false, 3).sample(Role.A, cells(30, 12, 9, 50));
        for (ConfusionOutcome o : ConfusionOutcome.values()) assertEquals(5, s.sampled().get(o));
        assertTrue(s.shortfalls().isEmpty());
        assertEquals(20, new HashSet<>(s.images().stream().map(SampledImage::image).toList()).size(), "no image twice");
        ConfusionOutcome[] all = cells(30, 12, 9, 50);
        for (SampledImage i : s.images()) assertEquals(all[i.image()], i.outcome());
    }

    @Test void shortfallIsReportedNotFilled() {
        ConfusionSample s = new ConfusionSampler(20, false, 3).sample(Role.B, cells(30, 2, 9, 50));
        assertEquals(2, s.sampled().get(ConfusionOutcome.FP));
        assertEquals(17, s.images().size());
        assertEquals(List.of("B: FP has 2 images, 5 asked"), s.shortfalls());
    }

    @Test void fillTakesFromOtherCells() {
        ConfusionSample s = new ConfusionSampler(20, true, 3).sample(Role.B, cells(30, 2, 9, 50));
        assertEquals(20, s.images().size());
        assertEquals(2, s.sampled().get(ConfusionOutcome.FP));
        assertFalse(s.shortfalls().isEmpty(), "the shortfall is still reported");
    }

    @Test void seededAndIndependentPerModel() {
        ConfusionOutcome[] c = cells(30, 12, 9, 50);
        assertEquals(new ConfusionSampler(20, false, 3).sample(Role.A, c).images(), new ConfusionSampler(20, false, 3).sample(Role.A, c).images());
        assertNotEquals(new ConfusionSampler(20, false, 3).sample(Role.A, c).images(), new ConfusionSampler(20, false, 4).sample(Role.A, c).images());
    }
}
