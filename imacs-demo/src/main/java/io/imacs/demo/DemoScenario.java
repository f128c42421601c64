package io.imacs.demo;

import io.imacs.segment.Box;
import java.util.List;

/**
 * A study the demo replays: two training sets that differ in one planted shortcut for the target class (model A
 * without it, model B with it), the evaluation set that compare(A, B) reads, and a reference set for B's drift.
 * The watermark study (paper section 5) and the domain-shift study (paper section 6.2) are the two.
 */
public interface DemoScenario {

    /** Base images; part of the cache key. */
    SceneSource source();

    int imageSize();

    /** The class under study: the one B's shortcut points to. */
    String targetClass();

    default int targetLabel() { return source().classes().indexOf(targetClass()); }

    /** Canonical text of every parameter, for cache keys and manifests. */
    String describe();

    ScenarioData generate();

    /** How the demo names this study's sets and shortcut in what it prints and writes. */
    Wording wording();

    /** The checks every study's sizes share. */
    static void checkSizes(int imageSize, int trainPerClass, int evalPerClass) {
        if (imageSize < 32) throw new IllegalArgumentException("demo image size must be at least 32, got " + imageSize);
        if (trainPerClass < 2 || evalPerClass < 2)
            throw new IllegalArgumentException("demo needs at least 2 training and 2 evaluation images per class");
    }

    /** Whether an evaluation image carries the shortcut's cue (a watermark; a backdrop like the target's studio one). */
    boolean carriesShortcut(DemoSample sample);

    /** Whether a segment (its box in the sample's pixels) shows what B's shortcut is made of. */
    boolean showsShortcut(DemoSample sample, Box segment);

    /**
     * @param study            the study in the summary's first line ("watermark \"IMACS\"", "domain shift")
     * @param shortcut         what B's shortcut is, in "to see the ... cluster" ("watermark", "background")
     * @param sets             directory names of A's and B's training sets, the reference set and the evaluation set
     * @param reference        the reference set in a sentence ("clean", "studio")
     * @param evaluation       the evaluation set ("watermarked", "photos")
     * @param shortcutImages   images of other classes that carry the cue ("watermarked others")
     * @param shortcutSegments what a segment on the shortcut shows, after "overlap"/"are" ("overlap a watermark")
     * @param title            the comparison titles: a-vs-b, a-vs-u, b-drift
     */
    record Wording(String study, String shortcut, List<String> sets, String reference, String evaluation, String shortcutImages, String shortcutSegments,
                   List<String> title) {
        public Wording {
            sets = List.copyOf(sets);
            title = List.copyOf(title);
        }
    }
}
