package io.imacs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureExporterTest {
    @TempDir Path dir;

    @Test
    void exportsOnePngPerViewAtThePagesOwnHeight() throws Exception {
        boolean chromium = true;
        try {
            FigureExporter.chromium();
        } catch (IllegalArgumentException e) { // what a machine without Chromium gets: skip with the install line
            chromium = false;
        }
        io.imacs.testing.Requirement.BROWSER.check(chromium);
        SyntheticRun run = SyntheticRun.create(dir, 12, 5, 4, 11, SyntheticRun.Names.PLAIN);
        List<Path> pngs = FigureExporter.exportPngs(run.result(), dir);
        assertEquals(FigureExporter.VIEWS.size(), pngs.size());
        for (int i = 0; i < pngs.size(); i++) {
            assertEquals(dir.resolve("figures").resolve(FigureExporter.VIEWS.get(i) + ".png").toAbsolutePath(), pngs.get(i));
            BufferedImage img = ImageIO.read(pngs.get(i).toFile());
            assertEquals(FigureExporter.WIDTH, img.getWidth());
            Set<Integer> colours = new HashSet<>();
            boolean modelB = false;
            for (int y = 0; y < img.getHeight(); y += 2)
                for (int x = 0; x < img.getWidth(); x += 2) {
                    int rgb = img.getRGB(x, y) & 0xffffff;
                    colours.add(rgb);
                    modelB |= rgb == 0x1a73e8;
                }
            assertTrue(colours.size() > 50, pngs.get(i) + " looks blank");
            if (!FigureExporter.VIEWS.get(i).equals("run")) assertTrue(modelB, pngs.get(i) + " shows no model-B colour");
        }
        // heights follow the content: the histogram of 4 clusters x 2 models x 5-tile stacks is far taller than the run header
        int header = ImageIO.read(pngs.get(0).toFile()).getHeight(), histogram = ImageIO.read(pngs.get(1).toFile()).getHeight();
        assertTrue(histogram > 1500 && header < histogram, header + " / " + histogram);
        java.nio.file.Files.createDirectories(Path.of("target", "figures"));
        for (Path p : pngs) java.nio.file.Files.copy(p, Path.of("target", "figures", p.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
