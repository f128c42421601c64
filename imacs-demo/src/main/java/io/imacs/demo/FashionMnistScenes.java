package io.imacs.demo;

import io.imacs.image.ImageFiles;
import io.imacs.image.PixelImage;
import io.imacs.image.Resize;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fashion-MNIST as a demo source: image {@code index} of a class is the index-th image of that class in a
 * seeded shuffle of the class's images (train split: the training file; eval split: t10k), grey turned RGB and
 * upscaled bilinearly to the scenario's size. The scenario seed thus draws other images, as it draws other
 * flowers, so another seed is another data set and not only other watermark positions.
 */
public final class FashionMnistScenes implements SceneSource {
    private final Path dir;
    private FashionMnist data;
    private int[][][] byClass;  // [split][class] -> image indices in file order

    public FashionMnistScenes(Path dir) { this.dir = dir; }

    @Override public String id() { return "fashion-mnist-v2"; }

    @Override public List<String> classes() { return FashionMnist.CLASSES; }

    @Override public synchronized int available(Split split, int label) { return index()[split.ordinal()][label].length; }

    @Override public BufferedImage image(Split split, int label, int index, int size, long seed) {
        int[] idx = index()[split.ordinal()][label];
        if (index >= idx.length)
            throw new IllegalArgumentException("Fashion-MNIST has only " + idx.length + " " + split.name().toLowerCase() + " images of class " + classes().get(label));
        FashionMnist.Idx images = split == Split.TRAIN ? data.trainImages() : data.testImages();
        int i = idx[drawn(split, label, seed)[index]], w = images.cols(), h = images.rows(), p = w * h;
        float[] chw = new float[3 * p];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                float v = images.unsigned(i, y, x) / 255f;
                chw[y * w + x] = v;
                chw[p + y * w + x] = v;
                chw[2 * p + y * w + x] = v;
            }
        return ImageFiles.toBuffered(Resize.bilinear(new PixelImage(w, h, chw), size, size));
    }

    /** Fashion-MNIST's background is black; a little noise keeps the kind from being a single value. */
    @Override public BufferedImage background(int size, Random rnd) {
        float[] chw = new float[3 * size * size];
        for (int i = 0; i < size * size; i++) {
            float v = (float) Math.abs(rnd.nextGaussian() * 0.02);
            chw[i] = v;
            chw[size * size + i] = v;
            chw[2 * size * size + i] = v;
        }
        return ImageFiles.toBuffered(new PixelImage(size, size, chw));
    }

    private final Map<String, int[]> draws = new HashMap<>();

    /** A seeded permutation of the positions of one class's images in one split. */
    private synchronized int[] drawn(Split split, int label, long seed) {
        return draws.computeIfAbsent(split + "/" + label + "/" + seed, k -> {
            int n = index()[split.ordinal()][label].length;
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) order.add(i);
            Collections.shuffle(order, new Random(FlowerScenes.mix(seed, 0xF4A5L, split.ordinal(), label)));
            return order.stream().mapToInt(Integer::intValue).toArray();
        });
    }

    private synchronized int[][][] index() {
        if (byClass == null) {
            data = FashionMnist.load(dir);
            byClass = new int[][][] {group(data.trainLabels()), group(data.testLabels())};
        }
        return byClass;
    }

    private int[][] group(byte[] labels) {
        List<List<Integer>> lists = new ArrayList<>();
        for (int c = 0; c < classes().size(); c++) lists.add(new ArrayList<>());
        for (int i = 0; i < labels.length; i++) lists.get(labels[i]).add(i);
        return lists.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }
}
