package io.imacs.attribution;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.fixtures.TinyTanhNet;
import io.imacs.image.ImageFiles;
import io.imacs.image.PixelImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselinesTest {
    @Test void baselinesHaveTheImagesSizeAndExpectedValues(@TempDir Path dir) throws Exception {
        PixelImage img = TinyTanhNet.randomImage(6, 5, 2);
        assertEquals(PixelImage.filled(6, 5, 0), Baselines.black().of(img));
        assertEquals(PixelImage.filled(6, 5, 1), Baselines.white().of(img));
        assertEquals(Baselines.uniformNoise(4).of(img), Baselines.uniformNoise(4).of(img), "seeded");
        assertNotEquals(Baselines.uniformNoise(4).of(img), Baselines.uniformNoise(5).of(img));
        PixelImage blur = Baselines.blurred(2).of(img);
        double varIn = variance(img.chw()), varOut = variance(blur.chw());
        assertTrue(varOut < varIn / 2, "blur smooths: " + varIn + " -> " + varOut);
        Path file = dir.resolve("b.png");
        ImageFiles.writePng(PixelImage.filled(12, 10, 1f), file);
        PixelImage fromFile = Baselines.parse(file.toString(), 0).of(img);
        assertEquals(6, fromFile.width());
        assertEquals(1f, fromFile.get(1, 2, 3), 1e-6f);
        var e = assertThrows(IllegalArgumentException.class, () -> Baselines.parse("grey", 0));
        assertTrue(e.getMessage().contains("`baseline`"));
        // a value after blur: or noise: that is no number is named, not a NumberFormatException's "For input string"
        for (String bad : new String[] {"blur:abc", "blur:-3", "blur:0", "blur:NaN", "noise:abc", "noise:1.5"}) {
            var b = assertThrows(IllegalArgumentException.class, () -> Baselines.parse(bad, 0), bad);
            assertTrue(b.getMessage().startsWith("`baseline` " + bad + ": "), b.getMessage());
        }
        assertEquals("blur sigma=2.5", Baselines.parse("blur:2.5", 0).describe());
        assertEquals("noise seed=7", Baselines.parse("noise:7", 0).describe());
        // a file whose name starts with blur or noise is a file (it used to be a blur of sigma 8)
        var missing = assertThrows(ImageFiles.ImageReadException.class, () -> Baselines.parse("blur.png", 0));
        assertTrue(missing.getMessage().contains("blur.png"), missing.getMessage());
    }

    private static double variance(float[] a) {
        double m = 0, s = 0;
        for (float v : a) m += v;
        m /= a.length;
        for (float v : a) s += (v - m) * (v - m);
        return s / a.length;
    }
}
