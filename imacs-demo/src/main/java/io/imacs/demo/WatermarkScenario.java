package io.imacs.demo;

import io.imacs.image.ImageFiles;
import io.imacs.segment.Box;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The paper's watermark study (section 5, Figure 3) as a seeded, deterministic generator.
 * Model B's training set has the "IMACS" watermark at a random location on {@code trainWatermarkFraction}
 * of the images of {@code watermarkClass} only; the evaluation set has it on {@code watermarkFraction} of
 * every class. The clean training set (model A) and a clean evaluation set share the same base images.
 *
 * @param source            base images (synthetic flowers or Fashion-MNIST)
 * @param imageSize         side of the square images in pixels (at least 32)
 * @param trainPerClass     training images per class
 * @param evalPerClass      evaluation images per class
 * @param watermarkClass    the class whose training images get the watermark for model B
 * @param watermarkFraction fraction of every class's evaluation images watermarked (0.5 in the paper)
 * @param trainWatermarkFraction fraction of the watermark class's training images watermarked for B (0.5 in the
 *                          paper; higher makes B's shortcut stronger)
 * @param seed              drives drawing, watermark choice and placement
 */
public record WatermarkScenario(SceneSource source, int imageSize, int trainPerClass, int evalPerClass,
                                String watermarkClass, double watermarkFraction, double trainWatermarkFraction, long seed)
    implements DemoScenario {

    private static final Wording WORDING = new Wording("watermark \"IMACS\"", "watermark", List.of("train-clean", "train-watermarked", "eval-clean", "eval"),
        "clean", "watermarked", "watermarked others", "overlap a watermark", List.of(
            "compare(A, B): A trained clean, B with the watermark on %s (paper section 5)",
            "compare(A, U): U untrained (paper section 6.1)",
            "compare(B on clean images, B on watermarked images): one model, two datasets (paper section 8, future work)"));

    public WatermarkScenario {
        DemoScenario.checkSizes(imageSize, trainPerClass, evalPerClass);
        if (!(watermarkFraction > 0 && watermarkFraction <= 1))
            throw new IllegalArgumentException("watermark fraction must be in (0,1], got " + watermarkFraction);
        if (!(trainWatermarkFraction > 0 && trainWatermarkFraction <= 1))
            throw new IllegalArgumentException("`watermarkFraction` must be in (0,1], got " + trainWatermarkFraction);
        if (!source.classes().contains(watermarkClass))
            throw new IllegalArgumentException("watermark class '" + watermarkClass + "' is not one of " + source.classes());
    }

    /**
     * The default flowers scenario: 5 classes, 64x64, 300 training and 60 evaluation images per class. Every
     * training sunflower carries the watermark for B (the paper: half): the generated flowers are so easy to tell
     * apart that with half, B called only 12-15% of watermarked non-sunflowers "sunflowers" on two of three seeds
     * (the paper's B lost 15 points of accuracy), and whether IMACS found the watermark hung on the seed
     * (docs/faithfulness.md).
     */
    public static WatermarkScenario flowers() {
        return new WatermarkScenario(new FlowerScenes(), 64, 300, 60, "sunflowers", 0.5, 1.0, 42);
    }

    /** Fashion-MNIST at 64x64 (10 classes), watermark on bags; needs {@code dataset-fashion-mnist}. */
    public static WatermarkScenario fashionMnist(Path dir) {
        return new WatermarkScenario(new FashionMnistScenes(dir), 64, 300, 60, "bag", 0.5, 0.5, 42);
    }

    public WatermarkScenario withCounts(int train, int eval) {
        return new WatermarkScenario(source, imageSize, train, eval, watermarkClass, watermarkFraction, trainWatermarkFraction, seed);
    }

    public WatermarkScenario withSeed(long newSeed) {
        return new WatermarkScenario(source, imageSize, trainPerClass, evalPerClass, watermarkClass, watermarkFraction, trainWatermarkFraction, newSeed);
    }

    /** B's training set with the watermark on {@code fraction} of the watermark class. */
    public WatermarkScenario withTrainWatermarkFraction(double fraction) {
        return new WatermarkScenario(source, imageSize, trainPerClass, evalPerClass, watermarkClass, watermarkFraction, fraction, seed);
    }

    @Override public String targetClass() { return watermarkClass; }

    @Override public Wording wording() { return WORDING; }

    @Override public boolean carriesShortcut(DemoSample sample) { return sample.hasWatermark(); }

    @Override public boolean showsShortcut(DemoSample sample, Box segment) {
        return sample.hasWatermark() && segment.overlap(sample.watermark()) > 0;
    }

    /** How many of {@code n} images get the watermark at {@code fraction}: round(n * fraction). */
    public static int watermarkedCount(int n, double fraction) { return (int) Math.round(n * fraction); }

    /** Canonical text of every parameter, for cache keys and manifests. */
    @Override public String describe() {
        return String.format(Locale.ROOT, "source=%s size=%d train=%d eval=%d wmClass=%s wmFraction=%s seed=%d wm=%s/%s%s",
            source.id(), imageSize, trainPerClass, evalPerClass, watermarkClass, watermarkFraction, seed,
            Watermark.IMACS.text(), Watermark.IMACS.maxWidthFraction(),
            // written only when it differs from the evaluation's fraction, so earlier caches keep their keys
            trainWatermarkFraction == watermarkFraction ? "" : " wmTrainFraction=" + trainWatermarkFraction);
    }

    @Override public ScenarioData generate() {
        int k = source.classes().size();
        for (int c = 0; c < k; c++) {
            if (source.available(SceneSource.Split.TRAIN, c) < trainPerClass || source.available(SceneSource.Split.EVAL, c) < evalPerClass)
                throw new IllegalArgumentException(source.id() + " has too few images of class " + source.classes().get(c)
                    + " for " + trainPerClass + " training / " + evalPerClass + " evaluation images per class");
        }
        List<DemoSample> trainClean = new ArrayList<>(), trainMarked = new ArrayList<>();
        List<DemoSample> evalClean = new ArrayList<>(), evalMarked = new ArrayList<>();
        Random trainRnd = new Random(FlowerScenes.mix(seed, 101)), evalRnd = new Random(FlowerScenes.mix(seed, 202));
        for (int c = 0; c < k; c++) {
            boolean[] markTrain = c == targetLabel() ? choose(trainPerClass, trainWatermarkFraction, trainRnd) : new boolean[trainPerClass];
            for (int i = 0; i < trainPerClass; i++) {
                BufferedImage img = source.image(SceneSource.Split.TRAIN, c, i, imageSize, seed);
                trainClean.add(new DemoSample(ImageFiles.fromBuffered(img), c, null));
                trainMarked.add(markTrain[i] ? stamped(img, c, trainRnd) : trainClean.get(trainClean.size() - 1));
            }
            boolean[] markEval = choose(evalPerClass, watermarkFraction, evalRnd);
            for (int i = 0; i < evalPerClass; i++) {
                BufferedImage img = source.image(SceneSource.Split.EVAL, c, i, imageSize, seed);
                evalClean.add(new DemoSample(ImageFiles.fromBuffered(img), c, null));
                evalMarked.add(markEval[i] ? stamped(img, c, evalRnd) : evalClean.get(evalClean.size() - 1));
            }
        }
        return new ScenarioData(this, source.classes(), trainClean, trainMarked, evalClean, evalMarked);
    }

    /** Exactly round(n * fraction) of n positions, chosen by a seeded shuffle. */
    static boolean[] choose(int n, double fraction, Random rnd) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(order, rnd);
        boolean[] pick = new boolean[n];
        for (int i = 0; i < watermarkedCount(n, fraction); i++) pick[order.get(i)] = true;
        return pick;
    }

    private static DemoSample stamped(BufferedImage base, int label, Random rnd) {
        BufferedImage copy = new BufferedImage(base.getWidth(), base.getHeight(), BufferedImage.TYPE_INT_RGB);
        copy.getGraphics().drawImage(base, 0, 0, null);
        Box box = Watermark.IMACS.stamp(copy, rnd);
        return new DemoSample(ImageFiles.fromBuffered(copy), label, box);
    }
}
