package io.imacs.comparison;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.attribution.PathSteps;
import io.imacs.model.Output;
import io.imacs.pipeline.ImacsConfig;
import io.imacs.sample.SamplingKind;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The declarations (issue 13): one per key, defaults they accept, text that reads back, errors that carry the key. */
class AnalysisOptionsTest {
    @Test void everyOptionHasOneKeyADescriptionAndADefaultThatReadsBack() {
        Set<String> keys = new HashSet<>();
        for (AnalysisOption<?> o : AnalysisOptions.ALL) {
            assertTrue(keys.add(o.key()), "declared twice: " + o.key());
            assertTrue(o.key().matches("[a-z][A-Za-z0-9]*"), "a key is camel case: " + o.key());
            assertFalse(o.description().isBlank(), o.key());
            assertFalse(o.description().contains("--"), "a description names options by key, not by flag: " + o.key());
            if (o.defaultValue() != null) assertEquals(o.defaultValue(), o.parse(o.defaultText()), o.key());
        }
        assertEquals(24, keys.size());
        assertSame(AnalysisOptions.CLUSTERS, AnalysisOptions.byKey("clusters"));
        OptionException e = assertThrows(OptionException.class, () -> AnalysisOptions.byKey("k"));
        assertTrue(e.getMessage().contains("clusters"), e.getMessage());
    }

    @Test void badValuesAreRejectedWithTheirKey() {
        OptionException low = assertThrows(OptionException.class, () -> Analysis.defaults().with(AnalysisOptions.CLUSTERS, 0));
        assertEquals("clusters", low.key());
        assertEquals("`clusters` must be at least 1, got 0", low.getMessage());
        OptionException text = assertThrows(OptionException.class, () -> Analysis.defaults().withText(AnalysisOptions.OUTPUT, "odds"));
        assertEquals("`output` odds: expected probability, logit", text.getMessage());
        assertThrows(OptionException.class, () -> Analysis.defaults().withText(AnalysisOptions.DISAGREEMENT, "1.5"));
        assertThrows(OptionException.class, () -> Analysis.defaults().withText(AnalysisOptions.IMAGE_SIZE, "64"));
        // text that is no value says what a value looks like, not the placeholder ("expected S")
        assertEquals("`seed` abc: expected a whole number", assertThrows(OptionException.class,
            () -> Analysis.defaults().withText(AnalysisOptions.SEED, "abc")).getMessage());
        assertEquals("`disagreement` half: expected a number", assertThrows(OptionException.class,
            () -> Analysis.defaults().withText(AnalysisOptions.DISAGREEMENT, "half")).getMessage());
        assertTrue(assertThrows(OptionException.class, () -> Analysis.defaults().withText(AnalysisOptions.IMAGE_SIZE, "0x0"))
            .getMessage().startsWith("`imageSize` 0x0: expected HxW, two whole numbers"));
        assertThrows(OptionException.class, () -> Analysis.defaults().withText(AnalysisOptions.BLUR_SIGMA, "-1"));
    }

    @Test void pathStepsAreAWholeNumberOrAuto() {
        assertEquals(PathSteps.AUTO, AnalysisOptions.GIG_STEPS.parse("auto"));
        assertEquals(PathSteps.AUTO, AnalysisOptions.IG_STEPS.parse("AUTO"));
        assertEquals(new PathSteps.Fixed(16), AnalysisOptions.IG_STEPS.parse("16"));
        assertEquals("auto", AnalysisOptions.GIG_STEPS.format(PathSteps.AUTO));
        assertEquals("N|auto", AnalysisOptions.GIG_STEPS.values());
        assertEquals("`gigSteps` must be at least 1 (or auto), got 0",
            assertThrows(OptionException.class, () -> Analysis.defaults().withText(AnalysisOptions.GIG_STEPS, "0")).getMessage());
        assertEquals("`igSteps` many: expected a whole number or auto",
            assertThrows(OptionException.class, () -> Analysis.defaults().withText(AnalysisOptions.IG_STEPS, "many")).getMessage());
    }

    @Test void enumsAreSpelledInLowerCaseWithDashes() {
        assertEquals(RankMethod.XRAI_GIG, AnalysisOptions.RANK_METHOD.parse("xrai-gig"));
        assertEquals("xrai-gig", AnalysisOptions.RANK_METHOD.format(RankMethod.XRAI_GIG));
        assertEquals("auto|xrai-gig|gig|ig|occlusion", AnalysisOptions.RANK_METHOD.values());
        assertEquals(new ImageSize(48, 64), AnalysisOptions.IMAGE_SIZE.parse("48x64"));
    }

    @Test void theDefaultsAreThePapers() {
        ImacsConfig c = Analysis.defaults().config("sunflowers");
        assertEquals(100, c.imagesPerModel());
        assertEquals(5, c.segmentsPerImage());
        assertEquals(Output.PROBABILITY, c.output());
        assertEquals(SamplingKind.BALANCED, c.sampling().kind());
        assertNull(c.imageSize());
        assertEquals("grid 4x4", Analysis.defaults().segmenter().describe());
    }

    @Test void theOneCheckAcrossTwoOptionsNamesBoth() {
        Analysis few = Analysis.defaults().with(AnalysisOptions.IMAGES_PER_MODEL, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> few.config("c"));
        assertTrue(e.getMessage().startsWith("`imagesPerModel` must be at least 4"), e.getMessage());
        assertEquals(2, few.with(AnalysisOptions.SAMPLING, SamplingKind.DISAGREEMENT).config("c").imagesPerModel());
    }

    @Test void felzenszwalbIsForOneAttributionOnly() {
        Analysis a = Analysis.defaults().with(AnalysisOptions.SEGMENTATION, Segmentation.FELZENSZWALB);
        assertEquals("segmentation", assertThrows(OptionException.class, a::segmenter).key());
    }
}
