package io.imacs.djl;

import io.imacs.image.ImageFiles;
import io.imacs.image.PixelImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The committed fixtures (../fixtures from the module directory): evaluation images and their labels. */
record FixtureSet(List<PixelImage> images, List<String> labels, List<Boolean> markers) {
    static final Path ROOT = Path.of("..", "fixtures");

    static Path model(String name) { return ROOT.resolve("models").resolve(name); }

    static Path bad(String name) { return ROOT.resolve("bad").resolve(name); }

    static FixtureSet load() {
        Path csv = ROOT.resolve("data/labels.csv");
        List<PixelImage> images = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Boolean> markers = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
                String[] f = line.split(",");
                images.add(ImageFiles.read(csv.resolveSibling(f[0])));
                labels.add(f[1]);
                markers.add(f[2].equals("yes"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FixtureSet(images, labels, markers);
    }
}
