package io.imacs.demo;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

/** Where the demo's base (unwatermarked) images come from: the synthetic flowers or Fashion-MNIST. */
public interface SceneSource {

    enum Split { TRAIN, EVAL }

    /** Names the source and its drawing version; part of the model cache key. */
    String id();

    /** Class names, usable as directory names. */
    List<String> classes();

    /** Image {@code index} of class {@code label}; the same arguments always give the same pixels. */
    BufferedImage image(Split split, int label, int index, int size, long seed);

    /** A scene with no object in it, for the embedder's "background" kind. */
    BufferedImage background(int size, Random rnd);

    /** The largest {@code index + 1} available for a class and split (Integer.MAX_VALUE when unbounded). */
    default int available(Split split, int label) { return Integer.MAX_VALUE; }
}
