package io.imacs.demo;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @Test void readsDebianFilesWithTheirHeadersAndCounts() {
        io.imacs.testing.Requirement.DATASETS.check(FashionMnist.isInstalled(FashionMnist.DEFAULT_DIR));
        FashionMnist f = FashionMnist.load(FashionMnist.DEFAULT_DIR);
        assertEquals(60000, f.trainImages().count());
        assertEquals(10000, f.testImages().count());
        assertEquals(28, f.trainImages().rows());
        assertEquals(28, f.trainImages().cols());
        assertEquals(10000 * 28 * 28, f.testImages().pixels().length);
        int[] perClass = new int[10];
        for (byte b : f.trainLabels()) perClass[b]++;
        for (int c = 0; c < 10; c++) assertEquals(6000, perClass[c], "Fashion-MNIST is balanced: class " + c);
        // Garments are centred on a black background: corners dark, centre bright on average.
        double corner = 0, centre = 0;
        for (int i = 0; i < 1000; i++) {
            corner += f.trainImages().unsigned(i, 0, 0);
            centre += f.trainImages().unsigned(i, 14, 14);
        }
        assertTrue(centre > 10 * Math.max(1, corner), "centre " + centre + " corner " + corner);
    }

    @Test void fashionScenarioGivesRgbImagesAtTheRequestedSize() {
        io.imacs.testing.Requirement.DATASETS.check(FashionMnist.isInstalled(FashionMnist.DEFAULT_DIR));
        ScenarioData d = WatermarkScenario.fashionMnist(FashionMnist.DEFAULT_DIR).withCounts(4, 2).generate();
        assertEquals(40, d.trainA().size());
        assertEquals(64, d.eval().get(0).image().width());
        assertEquals(2, d.trainB().stream().filter(DemoSample::hasWatermark).count(), "half of the 4 bags");
    }

    @Test void missingFilesSayWhatToInstall(@TempDir Path empty) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(empty));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    }
}
