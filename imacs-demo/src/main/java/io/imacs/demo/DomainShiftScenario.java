package io.imacs.demo;

import io.imacs.image.ImageFiles;
import io.imacs.segment.Box;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The paper's section 6.2 as a seeded generator: two models trained on different datasets, both evaluated on the
 * first one's. Model A learns the flowers photographed on natural backgrounds (grass, sky, soil, foliage); model B
 * the same flowers shot in a studio, each class before its own flat backdrop. The target class's backdrop is sky
 * blue, the others' are hues no natural background has. Both are evaluated on A's photographs, where a studio
 * backdrop no longer tells the class: IMACS should show that B relies on the background, and that this is what
 * fails to transfer (B calls flowers before a blue sky "sunflowers").
 *
 * @param imageSize     side of the square images in pixels (at least 32)
 * @param trainPerClass training images per class (the same flowers for A and B, on their two backgrounds)
 * @param evalPerClass  evaluation images per class (photographs; the studio versions are B's reference set)
 * @param targetClass   the class whose studio backdrop is sky blue
 * @param backdropFraction share of each class's studio shots taken before the class's own backdrop; the others stand
 *                      before another class's backdrop, drawn at random (1 makes the backdrop tell the class outright)
 * @param seed          drives drawing
 */
public record DomainShiftScenario(int imageSize, int trainPerClass, int evalPerClass, String targetClass, double backdropFraction, long seed)
    implements DemoScenario {

    /** Backdrop of the target class: the hue of a clear sky, so B's shortcut has a counterpart in A's photographs. */
    static final Color SKY_BACKDROP = new Color(115, 160, 225);
    /** Backdrops of the other classes, in class order: hues that none of the natural backgrounds has. */
    static final List<Color> OTHER_BACKDROPS = List.of(new Color(60, 150, 140), new Color(115, 70, 150),
        new Color(190, 180, 100), new Color(205, 205, 210));
    /** A segment shows the background when at least this share of its pixels is not the flower. */
    static final double BACKGROUND_SEGMENT = 0.5;

    private static final FlowerScenes FLOWERS = new FlowerScenes();
    private static final Wording WORDING = new Wording("domain shift", "background", List.of("train-photos", "train-studio", "eval-studio", "eval"),
        "studio", "photos", "others before sky", "are mostly background", List.of(
            "compare(A, B): A trained on photographs, B on studio shots with a backdrop per class (sky blue for %s), both on photographs (paper section 6.2)",
            "compare(A, U): U untrained (paper section 6.1)",
            "compare(B on studio shots, B on photographs): one model, two datasets (paper section 8, future work)"));

    public DomainShiftScenario {
        DemoScenario.checkSizes(imageSize, trainPerClass, evalPerClass);
        if (!(backdropFraction > 0 && backdropFraction <= 1))
            throw new IllegalArgumentException("`backdropFraction` must be in (0,1], got " + backdropFraction);
        if (!FlowerScenes.CLASSES.contains(targetClass))
            throw new IllegalArgumentException("target class '" + targetClass + "' is not one of " + FlowerScenes.CLASSES);
    }

    /** The default: 5 flower classes at 64x64, 300 training and 60 evaluation images per class, sunflowers. */
    public static DomainShiftScenario flowers() { return new DomainShiftScenario(64, 300, 60, "sunflowers", 0.5, 42); }

    public DomainShiftScenario withCounts(int train, int eval) {
        return new DomainShiftScenario(imageSize, train, eval, targetClass, backdropFraction, seed);
    }

    public DomainShiftScenario withSeed(long newSeed) {
        return new DomainShiftScenario(imageSize, trainPerClass, evalPerClass, targetClass, backdropFraction, newSeed);
    }

    public DomainShiftScenario withBackdropFraction(double fraction) {
        return new DomainShiftScenario(imageSize, trainPerClass, evalPerClass, targetClass, fraction, seed);
    }

    @Override public SceneSource source() { return FLOWERS; }

    @Override public String describe() {
        return String.format(Locale.ROOT, "study=domain-shift source=%s size=%d train=%d eval=%d target=%s backdropFraction=%s seed=%d backdrops=v1",
            FLOWERS.id(), imageSize, trainPerClass, evalPerClass, targetClass, backdropFraction, seed);
    }

    @Override public Wording wording() { return WORDING; }

    /** The cue of B's shortcut in a photograph: a sky behind a flower of another class. */
    @Override public boolean carriesShortcut(DemoSample sample) { return "sky".equals(sample.background()); }

    @Override public boolean showsShortcut(DemoSample sample, Box segment) {
        return sample.backgroundShare(segment) >= BACKGROUND_SEGMENT;
    }

    /** The studio backdrop of a class. */
    Color backdrop(int label) {
        int target = targetLabel();
        return label == target ? SKY_BACKDROP : OTHER_BACKDROPS.get(label < target ? label : label - 1);
    }

    @Override public ScenarioData generate() {
        List<DemoSample> photos = new ArrayList<>(), studio = new ArrayList<>(), evalPhotos = new ArrayList<>(), evalStudio = new ArrayList<>();
        Random trainRnd = new Random(FlowerScenes.mix(seed, 303)), evalRnd = new Random(FlowerScenes.mix(seed, 404));
        for (int c = 0; c < FlowerScenes.CLASSES.size(); c++) {
            boolean[] own = WatermarkScenario.choose(trainPerClass, backdropFraction, trainRnd);
            for (int i = 0; i < trainPerClass; i++) {
                photos.add(sample(SceneSource.Split.TRAIN, c, i, null));
                studio.add(sample(SceneSource.Split.TRAIN, c, i, own[i] ? backdrop(c) : otherBackdrop(c, trainRnd)));
            }
            own = WatermarkScenario.choose(evalPerClass, backdropFraction, evalRnd);
            for (int i = 0; i < evalPerClass; i++) {
                evalPhotos.add(sample(SceneSource.Split.EVAL, c, i, null));
                evalStudio.add(sample(SceneSource.Split.EVAL, c, i, own[i] ? backdrop(c) : otherBackdrop(c, evalRnd)));
            }
        }
        return new ScenarioData(this, FlowerScenes.CLASSES, photos, studio, evalStudio, evalPhotos);
    }

    /** The backdrop of another class than {@code label}, drawn uniformly. */
    private Color otherBackdrop(int label, Random rnd) {
        int other = rnd.nextInt(FlowerScenes.CLASSES.size() - 1);
        return backdrop(other < label ? other : other + 1);
    }

    private DemoSample sample(SceneSource.Split split, int label, int index, Color backdrop) {
        FlowerScenes.Scene s = FLOWERS.scene(split, label, index, imageSize, seed, backdrop);
        return new DemoSample(ImageFiles.fromBuffered(s.image()), label, null, s.background(), s.foreground());
    }
}
